import type { RawImage } from '@imgproc/types'
import { ImgError } from '@imgproc/types'

function checkAmount(what: string, value: number): void {
  if (!(value >= -100 && value <= 100)) throw new ImgError('InvalidArgument', `Expected ${what} -100..100 but received ${value}`)
}

/** Brightness curve: adds value% of the full range (100 = +255, -100 = -255). */
export function brightnessLut(value: number): Uint8ClampedArray {
  checkAmount('brightness', value)
  const lut = new Uint8ClampedArray(256)
  const delta = (value * 255) / 100
  for (let i = 0; i < 256; i++) lut[i] = Math.round(i + delta)
  return lut
}

/**
 * Contrast curve around mid-grey: slope (100 + v) / 100 for v <= 0 (so -100 is flat grey),
 * 100 / (100 - v) for v > 0 (steeper; 100 is capped at slope 100, a threshold).
 */
export function contrastLut(value: number): Uint8ClampedArray {
  checkAmount('contrast', value)
  const slope = value <= 0 ? (100 + value) / 100 : 100 / Math.max(1, 100 - value)
  const lut = new Uint8ClampedArray(256)
  for (let i = 0; i < 256; i++) lut[i] = Math.round(127.5 + (i - 127.5) * slope)
  return lut
}

/** Maps R, G and B through a 256-entry table; alpha is kept. */
export function applyLut(image: RawImage, lut: Uint8ClampedArray): RawImage {
  const s = image.data
  const d = new Uint8ClampedArray(s.length)
  for (let i = 0; i < s.length; i += 4) {
    d[i] = lut[s[i]!]!; d[i + 1] = lut[s[i + 1]!]!; d[i + 2] = lut[s[i + 2]!]!; d[i + 3] = s[i + 3]!
  }
  return { width: image.width, height: image.height, data: d }
}

/** Brightness -100..100 through a lookup table; 0 returns `image` itself. */
export function brightness(image: RawImage, value: number): RawImage {
  const lut = brightnessLut(value)
  return value === 0 ? image : applyLut(image, lut)
}

/** Contrast -100..100 through a lookup table; 0 returns `image` itself. */
export function contrast(image: RawImage, value: number): RawImage {
  const lut = contrastLut(value)
  return value === 0 ? image : applyLut(image, lut)
}
