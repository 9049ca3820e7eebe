import { describe, expect, it } from 'vitest'
import { psnr } from '../psnr.js'
import { testPicture } from '../testing/arbitraries.js'
import { createNodeJsquashResampler } from './node-jsquash.js'
import { builtinResampler } from './resampler.js'

describe('createNodeJsquashResampler', () => {
  it('loads the WASM from the installed package and agrees with our lanczos3 (> 30 dB on a test picture)', async () => {
    const image = testPicture(120, 90)
    const theirs = await createNodeJsquashResampler().resize(image, 60, 45, 'lanczos3')
    const ours = await builtinResampler.resize(image, 60, 45, 'lanczos3')
    expect([theirs.width, theirs.height]).toEqual([60, 45])
    expect(psnr(ours, theirs)).toBeGreaterThan(30)
  })
})
