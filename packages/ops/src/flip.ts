import type { RawImage } from '@imgproc/types'
import { pixelsOf } from './pixels.js'

export type FlipAxis = 'horizontal' | 'vertical'

/** Mirrors the image: `horizontal` swaps left and right, `vertical` swaps top and bottom. */
export function flip(image: RawImage, axis: FlipAxis): RawImage {
  const { width, height } = image
  const data = new Uint8ClampedArray(width * height * 4)
  if (axis === 'vertical') {
    const stride = width * 4
    for (let y = 0; y < height; y++) {
      const s = (height - 1 - y) * stride
      data.set(image.data.subarray(s, s + stride), y * stride)
    }
  } else {
    const src = pixelsOf(image.data)
    const dst = new Uint32Array(data.buffer)
    for (let y = 0; y < height; y++) {
      const row = y * width
      const last = row + width - 1
      for (let x = 0; x < width; x++) dst[row + x] = src[last - x]!
    }
  }
  return { width, height, data }
}
