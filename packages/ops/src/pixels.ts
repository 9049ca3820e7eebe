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

/** True on little-endian hosts, where a Uint32 pixel is R | G<<8 | B<<16 | A<<24. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

/**
 * True when some pixel has alpha below 255 (decides whether premultiplication is needed).
 * On little-endian hosts alpha is the top byte, so one unsigned compare per pixel does it.
 */
export function hasTransparency(image: RawImage): boolean {
  const d = image.data
  if (LITTLE_ENDIAN && (d.byteOffset & 3) === 0) {
    const p = new Uint32Array(d.buffer, d.byteOffset, d.length >> 2)
    for (let i = 0; i < p.length; i++) if (p[i]! < 0xff000000) return true
    return false
  }
  for (let i = 3; i < d.length; i += 4) if (d[i] !== 255) return true
  return false
}
