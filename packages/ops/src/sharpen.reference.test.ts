import { describe, expect, it } from 'vitest'
import { psnr } from './psnr.js'
import { sharpen } from './sharpen.js'
import { hasCorpus, loadPhoto, viaSharp } from './testing/node-reference.js'

// Threshold: >= 45 dB against sharp.convolve with the same 3x3 kernel (identity * 2 minus the
// [1 2 1]^2 / 16 blur, i.e. amount 1) on the corpus photo at 600 px wide (measured 52.4 dB; the
// difference is rounding and edge handling).
describe.skipIf(!hasCorpus)('sharpen against sharp', () => {
  it('amount 1: PSNR >= 45 dB versus sharp.convolve of the same kernel', async () => {
    const photo = await loadPhoto(600)
    const kernel = [-1, -2, -1, -2, 28, -2, -1, -2, -1]
    const reference = await viaSharp(photo, (s) => s.convolve({ width: 3, height: 3, kernel, scale: 16 }))
    expect(psnr(sharpen(photo, 1), reference)).toBeGreaterThanOrEqual(45)
  })
})
