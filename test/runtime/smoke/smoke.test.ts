import { beforeAll, describe, expect, it } from 'vitest'
import { runNodeSmoke } from '../node/entry.js'
import type { SmokeReport } from './smoke.js'

// The smoke suite checked on its own in Node, so the matrix compares against a reference that is
// itself right (not merely equal everywhere).
describe('runSmoke in Node', () => {
  let report: SmokeReport
  beforeAll(async () => {
    report = await runNodeSmoke()
  })

  it('parses the pipeline into its five actions', () => {
    expect(report.parts['grammar.parse']).toMatchObject({
      ok: true,
      value: { actions: ['auto-orient', 'resize', 'rotate', 'watermark', 'format'] },
    })
  })

  it('refuses the bad string with a caret under w_0', () => {
    const result = report.parts['grammar.error']
    expect(result).toMatchObject({ ok: true, value: { code: 'InvalidArgument' } })
    const caret = (result as { value: { caret: string } }).value.caret
    expect(caret.split('\n')).toEqual(['image/resize,w_0', `${' '.repeat(13)}^^^`])
  })

  it('encodes, sniffs, probes and decodes JPEG, PNG and WebP at the source size', () => {
    for (const format of ['jpeg', 'png', 'webp']) {
      expect(report.parts[`codecs.${format}`], format).toMatchObject({
        ok: true,
        value: { sniffed: format, probed: { format, width: 320, height: 240 }, decoded: { width: 320, height: 240 } },
      })
    }
  })

  it('gets the PNG pixels back exactly (lossless) and the lossy ones close', () => {
    const png = report.parts['codecs.png'] as { value: { decoded: { pixels: string } } }
    const source = report.parts.platform as { value: { pixels: string } }
    expect(png.value.decoded.pixels).toBe(source.value.pixels)
    const jpeg = report.parts['codecs.jpeg'] as { value: { decoded: { pixels: string } } }
    expect(jpeg.value.decoded.pixels).not.toBe(source.value.pixels)
  })
})
