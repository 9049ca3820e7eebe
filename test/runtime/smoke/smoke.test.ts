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

  it('converts a JPEG tagged with a Display P3 profile to sRGB on decode', () => {
    expect(report.parts['codecs.icc']).toMatchObject({ ok: true, value: { converted: true } })
  })

  it('converts a YCCK JPEG without a profile through the standard CMYK profile', () => {
    const result = report.parts['codecs.cmyk'] as { ok: boolean; value: { patches: number[][] } }
    expect(result.ok).toBe(true)
    const [white, cyan, , , black] = result.value.patches
    expect(Math.min(...white!)).toBeGreaterThanOrEqual(250)
    expect(cyan![0]).toBeLessThan(40)
    expect(Math.max(...black!)).toBeLessThan(40)
  })

  it('runs the pipeline without text to a 150x200 WebP for every source format', () => {
    for (const format of ['jpeg', 'png', 'webp']) {
      expect(report.parts[`engine.${format}.geometry`], format).toMatchObject({
        ok: true,
        value: { mimeType: 'image/webp', sniffed: 'webp', size: [150, 200], decoded: { size: [150, 200] } },
      })
    }
  })

  it('answers info and average-hue JSON in the OSS shape', () => {
    expect(report.parts['engine.png.info']).toMatchObject({ ok: true, value: { Format: { value: 'png' }, ImageWidth: { value: '320' }, ImageHeight: { value: '240' } } })
    for (const format of ['jpeg', 'png', 'webp']) {
      expect(report.parts[`engine.${format}.average-hue`], format).toMatchObject({ ok: true, value: { RGB: expect.stringMatching(/^0x[0-9a-f]{6}$/) } })
    }
  })

  it('runs the full pipeline, or says with a typed error that text cannot be drawn yet', () => {
    for (const format of ['jpeg', 'png', 'webp']) {
      const result = report.parts[`engine.${format}.pipeline`]
      if (result.ok) expect(result.value, format).toMatchObject({ mimeType: 'image/webp', size: [150, 200] })
      else expect(result, format).toMatchObject({ code: 'NotImplemented' })
    }
  })
})
