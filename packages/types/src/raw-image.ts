/**
 * Pixels as every imgproc package sees them: RGBA, 8 bits per channel, rows top to bottom,
 * no padding (stride = width * 4). A plain structural type, deliberately not DOM `ImageData`,
 * so no runtime needs a polyfill.
 */
export interface RawImage {
  readonly width: number
  readonly height: number
  readonly data: Uint8ClampedArray
}

/** One frame of an animation with how long it shows. */
export interface Frame {
  image: RawImage
  /** display time in milliseconds */
  delayMs: number
}

/** Makes a blank (transparent black) image, checking the size first. */
export function createRawImage(width: number, height: number): RawImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`Expected positive integer dimensions but received ${width}x${height}`)
  }
  return { width, height, data: new Uint8ClampedArray(width * height * 4) }
}
