import type { RawImage } from '@imgproc/types'
import { ImgError } from '@imgproc/types'

/** A 32-bit view of the RGBA bytes (one element per pixel); copies only when the bytes are misaligned. */
export function pixelsOf(data: Uint8ClampedArray): Uint32Array {
  if ((data.byteOffset & 3) === 0) return new Uint32Array(data.buffer, data.byteOffset, data.length >> 2)
  return new Uint32Array(data.slice().buffer)
}

/** Checks integer positive dimensions before allocating (bad sizes must never reach `new`). */
export function blankImage(width: number, height: number): RawImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new ImgError('InvalidArgument', `Expected positive integer dimensions but received ${width}x${height}`)
  }
  return { width, height, data: new Uint8ClampedArray(width * height * 4) }
}

/** True when some pixel has alpha below 255 (decides whether premultiplication is needed). */
export function hasTransparency(image: RawImage): boolean {
  const d = image.data
  for (let i = 3; i < d.length; i += 4) if (d[i] !== 255) return true
  return false
}
