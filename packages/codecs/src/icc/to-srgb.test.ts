import { describe, expect, it } from 'vitest'
import type { RawImage } from '@imgproc/types'
import { gradient, psnr } from '../testing.js'
import { applyIccProfile } from './to-srgb.js'
import { greyProfile, rgbProfile, ROTATED_COLORANTS as ROTATED, seenThroughRotated, SRGB_COLORANTS } from './synthetic-profiles.js'

describe('applyIccProfile', () => {
  it('leaves the image alone (same object) when the profile behaves as sRGB', () => {
    const image = gradient(40, 30)
    expect(applyIccProfile(image, rgbProfile('sRGB look-alike', SRGB_COLORANTS), 'rgb')).toBe(image)
  })

  it('converts through the profile: rotated colorants rotate the channels, alpha kept', () => {
    const image = gradient(40, 30, true)
    const out = applyIccProfile(image, rgbProfile('rotated', ROTATED), 'rgba')
    expect(out).not.toBe(image)
    expect(psnr(out, seenThroughRotated(image))).toBeGreaterThanOrEqual(40)
    for (let i = 3; i < out.data.length; i += 4) expect(out.data[i]).toBe(image.data[i])
  })

  it('maps grey through a grey profile: linear (gamma 1.0) mid-grey is lighter in sRGB', () => {
    const image: RawImage = { width: 1, height: 1, data: new Uint8ClampedArray([128, 128, 128, 255]) }
    const out = applyIccProfile(image, greyProfile('linear grey', { gamma: 1 }), 'grey')
    // linear 0.502 is sRGB 0.735 -> 188
    const [r, g, b, a] = Array.from(out.data)
    for (const channel of [r, g, b]) expect(Math.abs(channel! - 188)).toBeLessThanOrEqual(1)
    expect(a).toBe(255)
  })

  it('ignores what is not a usable RGB or grey profile', () => {
    const image = gradient(8, 8)
    const broken = rgbProfile('broken', ROTATED).slice(0, 200)
    expect(applyIccProfile(image, broken, 'rgb')).toBe(image)
    expect(applyIccProfile(image, new Uint8Array(500).fill(7), 'rgb')).toBe(image)
    expect(applyIccProfile(image, undefined, 'rgb')).toBe(image)
  })
})
