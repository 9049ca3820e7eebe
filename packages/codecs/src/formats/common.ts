/** Small pieces every adapter shares: glue results to RawImage, errors, option checks. */
import { ImgError, type RawImage } from '@imgproc/types'
import { damaged } from '../bytes.js'
import type { GluePixels } from '../jsquash.js'

/** Wraps the glue's pixels as a RawImage without copying when they already are RGBA8. */
export function toRawImage(pixels: GluePixels): RawImage {
  const { width, height } = pixels
  const data =
    pixels.data instanceof Uint8ClampedArray
      ? pixels.data
      : new Uint8ClampedArray(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength)
  if (data.length !== width * height * 4) throw new ImgError('InternalError', `Decoder returned ${data.length} bytes for ${width}x${height}`)
  return { width, height, data }
}

/** Any failure inside a decoder becomes a typed BadRequest (ImgErrors pass through). */
export function decodeFailure(format: string, cause: unknown): ImgError {
  if (cause instanceof ImgError) return cause
  const detail = cause instanceof Error ? cause.message : String(cause)
  return damaged(format, `the decoder stopped (${detail || 'no detail'})`, cause)
}

export function encodeFailure(format: string, cause: unknown): ImgError {
  if (cause instanceof ImgError) return cause
  return new ImgError('InternalError', `The ${format} encoder failed.`, { cause })
}

/** Quality 1-100, integer; undefined -> fallback. */
export function qualityOf(quality: number | undefined, fallback: number): number {
  if (quality === undefined) return fallback
  if (!Number.isFinite(quality) || quality < 1 || quality > 100) {
    throw new ImgError('InvalidArgument', `The quality ${quality} is outside 1-100.`, { argument: 'quality', value: String(quality) })
  }
  return Math.round(quality)
}

/** Checks an image handed to an encoder: positive integer size and a matching RGBA8 buffer. */
export function checkRawImage(image: RawImage, format: string): void {
  const { width, height, data } = image
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || data.length !== width * height * 4) {
    throw new ImgError('InternalError', `Cannot encode ${format}: the image is ${width}x${height} with ${data.length} bytes of RGBA.`)
  }
}

/** The bytes the WASM glue may keep or transfer: a view it cannot mistake for a shared buffer. */
export function asBytes(data: Uint8ClampedArray): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}
