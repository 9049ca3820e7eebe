import type { ImageFormat } from '@imgproc/types'

/**
 * What `format`, `quality` and `interlace` ask for. They change no pixels, so they accumulate
 * here while planning and are resolved once, at encode (STYLE synthesis A).
 */
export interface OutputRequest {
  format?: ImageFormat
  /** relative quality `q_` (percent of the source quality) */
  relativeQuality?: number
  /** absolute quality `Q_` (capped at the source quality) */
  absoluteQuality?: number
  interlace?: boolean
}

/** The resolved encoder settings the plan carries. */
export interface OutputSettings {
  format: ImageFormat
  mimeType: string
  /** 1-100, set for JPEG and WebP output only (spec 2.12) */
  quality?: number
  /** progressive JPEG (interlace,1 with JPEG output; spec 2.11) */
  progressive: boolean
  /** JPEG has no alpha: transparency is filled with white (spec 2.13) */
  flattenToWhite: boolean
}

export interface SourceFacts {
  format: ImageFormat
  /** IJG-equivalent quality estimated from the JPEG tables, when the source is a JPEG */
  quality?: number
}

/**
 * Quality used when no `quality` action is given — UNCONFIRMED in the spec (10.1). A JPEG source
 * keeps its estimated quality (the live rotate,90 result of example.jpg is about the source's size);
 * anything else gets 85.
 */
export const DEFAULT_QUALITY = 85

const MIME: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif',
  bmp: 'image/bmp', tiff: 'image/tiff', avif: 'image/avif', heic: 'image/heic',
}

export function mimeTypeOf(format: ImageFormat): string {
  return MIME[format]
}

/**
 * The output formats that can carry an animation: GIF (spec 4) and WebP (our choice for
 * `format,webp` of an animated GIF, see the engine README). Every other output gets the first frame.
 */
export function holdsAnimation(format: ImageFormat): boolean {
  return format === 'gif' || format === 'webp'
}

export function resolveOutput(request: OutputRequest, source: SourceFacts): OutputSettings {
  // Spec 2.13: `format,gif` only keeps GIF for GIF sources; otherwise the source format stays.
  const asked = request.format === 'gif' && source.format !== 'gif' ? undefined : request.format
  const format = asked ?? source.format
  const lossy = format === 'jpeg' || format === 'webp'
  return {
    format,
    mimeType: MIME[format],
    quality: lossy ? outputQuality(request, source) : undefined,
    progressive: format === 'jpeg' && request.interlace === true,
    flattenToWhite: format === 'jpeg',
  }
}

/**
 * Spec 2.12: Q wins over q; Q is capped at the source quality; q is a percentage of the source
 * quality for JPEG sources and behaves like Q otherwise (no source quality to scale).
 */
export function outputQuality(request: OutputRequest, source: SourceFacts): number {
  const sourceQuality = source.format === 'jpeg' ? source.quality : undefined
  if (request.absoluteQuality !== undefined) {
    return sourceQuality === undefined ? request.absoluteQuality : Math.min(request.absoluteQuality, sourceQuality)
  }
  if (request.relativeQuality !== undefined) {
    if (sourceQuality === undefined) return request.relativeQuality
    return Math.max(1, Math.round((sourceQuality * request.relativeQuality) / 100))
  }
  return sourceQuality ?? DEFAULT_QUALITY
}
