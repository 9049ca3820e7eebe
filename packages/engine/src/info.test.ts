import { describe, expect, it } from 'vitest'
import { infoJson } from './info.js'

const example = { format: 'jpeg' as const, width: 400, height: 267, frames: 1, byteLength: 21839, density: { units: 0, x: 1, y: 1 } }

describe('info JSON', () => {
  it('gives the documented OSS form for example.jpg (section 11 case 1), keys in ASCII order', () => {
    const json = JSON.stringify(infoJson(example, 'oss'))
    expect(json).toBe(
      '{"FileSize":{"value":"21839"},"Format":{"value":"jpg"},"FrameCount":{"value":"1"},"ImageHeight":{"value":"267"},' +
        '"ImageWidth":{"value":"400"},"ResolutionUnit":{"value":"1"},"XResolution":{"value":"1/1"},"YResolution":{"value":"1/1"}}',
    )
  })
  it('merges EXIF tags, EXIF resolution winning over JFIF', () => {
    const info = infoJson({ ...example, exif: { Orientation: '7', XResolution: '96/1', YResolution: '96/1', ResolutionUnit: '2' } }, 'oss')
    expect(info).toMatchObject({ Orientation: { value: '7' }, XResolution: { value: '96/1' }, ResolutionUnit: { value: '2' } })
  })
  it('gives the flat OBS form', () => {
    expect(JSON.stringify(infoJson(example, 'obs'))).toBe('{"format":"JPEG","height":267,"size":21839,"width":400}')
  })
})
