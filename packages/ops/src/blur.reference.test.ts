import { describe, expect, it } from 'vitest'
import { gaussianBlur } from './blur.js'
import { psnr } from './psnr.js'
import { hasCorpus, loadPhoto, viaSharp } from './testing/node-reference.js'

// Threshold: >= 40 dB against sharp.blur(2) on the corpus photo at 600 px wide (measured 47.1 dB;
// libvips truncates its kernel where weights fall under 0.2/255, we keep all 2r+1 taps).
describe.skipIf(!hasCorpus)('gaussianBlur against sharp', () => {
  it('sigma 2, radius 6: PSNR >= 40 dB versus sharp.blur(2)', async () => {
    const photo = await loadPhoto(600)
    const reference = await viaSharp(photo, (s) => s.blur(2))
    expect(psnr(gaussianBlur(photo, { radius: 6, sigma: 2 }), reference)).toBeGreaterThanOrEqual(40)
  })
})
