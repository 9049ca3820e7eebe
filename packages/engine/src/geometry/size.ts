/** Width and height in pixels. */
export interface Size {
  readonly width: number
  readonly height: number
}

/** A rectangle inside an image: left/top offset plus size, all integer pixels. */
export interface Rect extends Size {
  readonly left: number
  readonly top: number
}

/**
 * OSS rounds fractional sizes half-up ("四舍五入", spec 2.1); a result never drops below one pixel.
 * The small epsilon absorbs binary floating error (267 * 0.5 must give 134, not 133).
 */
export function roundHalfUp(value: number): number {
  return Math.max(1, Math.floor(value + 0.5 + 1e-9))
}

export function sameSize(a: Size, b: Size): boolean {
  return a.width === b.width && a.height === b.height
}
