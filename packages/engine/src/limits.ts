import { ImgError, type ProbeResult } from '@imgproc/types'
import type { Dialect } from './types.js'

/** Every size limit the engine enforces, all configurable through `createEngine({ limits })`. */
export interface Limits {
  /** source object size in bytes (OSS 20 MB, OBS 25 MB; spec 4, 9.1) */
  maxSourceBytes: number
  /** source width or height (spec 4: 30 000) */
  maxSourceSide: number
  /** source width x height x frames (spec 4: 250 M) */
  maxSourcePixels: number
  /** resize (and canvas-growing rotate/pad) output side (OSS 16 384; OBS 9 999) */
  maxOutputSide: number
  /** resize output pixels (OSS 16 777 216; OBS 24 999 999) */
  maxOutputPixels: number
  /** rotate / auto-orient refuse sources with a side above this (spec 2.6: 4096) */
  maxRotateSide: number
  /** WebP encoder limit per side (spec 2.13: 16 383) */
  maxWebpSide: number
  /** image watermarks per request (spec 2.14 CONFLICT 3 vs 6: the newest page, 6) */
  maxImageWatermarks: number
}

const MB = 1024 * 1024

const OSS_LIMITS: Limits = {
  maxSourceBytes: 20 * MB,
  maxSourceSide: 30_000,
  maxSourcePixels: 250_000_000,
  maxOutputSide: 16_384,
  maxOutputPixels: 16_777_216,
  maxRotateSide: 4096,
  maxWebpSide: 16_383,
  maxImageWatermarks: 6,
}

const OBS_LIMITS: Limits = {
  ...OSS_LIMITS,
  maxSourceBytes: 25 * MB,
  maxOutputSide: 9999,
  maxOutputPixels: 24_999_999,
}

export function defaultLimits(dialect: Dialect): Limits {
  return dialect === 'obs' ? { ...OBS_LIMITS } : { ...OSS_LIMITS }
}

/** Checked before any decode: bytes first, then the header's dimensions and frame count. */
export function checkSourceBytes(byteLength: number, limits: Limits): void {
  if (byteLength > limits.maxSourceBytes) {
    throw new ImgError('ImageTooLarge', `The image file size ${byteLength} exceeds the limit of ${limits.maxSourceBytes} bytes.`)
  }
}

export function checkSourceHeader(probe: ProbeResult, limits: Limits): void {
  const { width, height } = probe
  if (width > limits.maxSourceSide || height > limits.maxSourceSide) {
    throw new ImgError('ImageTooLarge', `The image ${width}x${height} exceeds the limit of ${limits.maxSourceSide} pixels per side.`)
  }
  const pixels = width * height * Math.max(1, probe.frames)
  if (pixels > limits.maxSourcePixels) {
    throw new ImgError(
      'ImageTooLarge',
      `The image has ${pixels} pixels (width x height x frames), over the limit of ${limits.maxSourcePixels}.`,
    )
  }
}

/** rotate (spec 2.6) and auto-orient (spec 2.7): sources with a side above 4096 are refused. */
export function checkRotateSource(width: number, height: number, limits: Limits): void {
  if (width > limits.maxRotateSide || height > limits.maxRotateSide) {
    throw new ImgError('BadRequest', 'Picture exceed the maximum allowable rotation range')
  }
}
