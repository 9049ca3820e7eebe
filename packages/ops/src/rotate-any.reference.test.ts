import { describe, expect, it } from 'vitest'
import { extract } from './extract.js'
import { psnr } from './psnr.js'
import { rotate } from './rotate-any.js'
import { hasCorpus, loadPhoto, viaSharp } from './testing/node-reference.js'

// Threshold: >= 30 dB against sharp.rotate(30, white) on the corpus photo at 600 px wide, over
// the common area (sizes may differ by one pixel: libvips rounds the bounding box, we take its
// ceiling). Measured 34.1 dB; both sample bilinearly, centres differ by up to half a pixel.
describe.skipIf(!hasCorpus)('rotate (any angle) against sharp', () => {
  it('30 degrees on white: same size within 1 px, PSNR >= 30 dB', async () => {
    const photo = await loadPhoto(600)
    const white = { r: 255, g: 255, b: 255, a: 255 }
    const reference = await viaSharp(photo, (s) => s.rotate(30, { background: '#ffffff' }))
    const ours = rotate(photo, 30, white)
    expect(Math.abs(ours.width - reference.width)).toBeLessThanOrEqual(1)
    expect(Math.abs(ours.height - reference.height)).toBeLessThanOrEqual(1)
    const common = { left: 0, top: 0, width: Math.min(ours.width, reference.width), height: Math.min(ours.height, reference.height) }
    expect(psnr(extract(ours, common), extract(reference, common))).toBeGreaterThanOrEqual(30)
  })
})
