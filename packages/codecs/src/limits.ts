/** The decompression-bomb guard: sizes are checked from the header before any pixels exist. */
import { ImgError, type DecodeLimits, type ProbeResult } from '@imgproc/types'

/**
 * OSS's own source limits (spec section 4: side <= 30 000, w x h x frames <= 250 000 000).
 * The engine applies the stricter per-action limits; these only keep a bomb from allocating.
 */
export const DEFAULT_DECODE_LIMITS: Readonly<DecodeLimits> = Object.freeze({ maxPixels: 250_000_000, maxSide: 30_000 })

export function resolveLimits(limits: Partial<DecodeLimits> | undefined): DecodeLimits {
  return { ...DEFAULT_DECODE_LIMITS, ...limits }
}

/** Throws ImageTooLarge when the header's size is beyond the limits. */
export function checkDecodeLimits(header: ProbeResult, limits?: Partial<DecodeLimits>): void {
  const { maxPixels, maxSide } = resolveLimits(limits)
  const { width, height, frames } = header
  if (width > maxSide || height > maxSide) {
    throw new ImgError('ImageTooLarge', `The image is ${width}x${height}; each side must be at most ${maxSide} pixels.`)
  }
  const pixels = width * height * Math.max(1, frames)
  if (pixels > maxPixels) {
    throw new ImgError(
      'ImageTooLarge',
      `The image has ${pixels} pixels (width x height x frames); at most ${maxPixels} are allowed.`,
    )
  }
}
