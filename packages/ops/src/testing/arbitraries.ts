import type { RawImage } from '@imgproc/types'
import fc from 'fast-check'

/** Small random RGBA images for property tests (test-only helper). */
export function arbImage(maxSide = 12): fc.Arbitrary<RawImage> {
  return fc.record({ width: fc.integer({ min: 1, max: maxSide }), height: fc.integer({ min: 1, max: maxSide }) })
    .chain(({ width, height }) => fc.uint8Array({ minLength: width * height * 4, maxLength: width * height * 4 })
      .map((bytes) => ({ width, height, data: new Uint8ClampedArray(bytes) })))
}

/** A flat image of one colour. */
export function flatImage(width: number, height: number, r: number, g: number, b: number, a = 255): RawImage {
  const data = new Uint8ClampedArray(width * height * 4)
  for (let i = 0; i < data.length; i += 4) { data[i] = r; data[i + 1] = g; data[i + 2] = b; data[i + 3] = a }
  return { width, height, data }
}

/** A deterministic smooth-plus-detail test picture (gradients and a checker). */
export function testPicture(width: number, height: number, alpha = false): RawImage {
  const data = new Uint8ClampedArray(width * height * 4)
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i += 4) {
      data[i] = (x * 255) / Math.max(1, width - 1)
      data[i + 1] = (y * 255) / Math.max(1, height - 1)
      data[i + 2] = ((x >> 3) + (y >> 3)) & 1 ? 200 : 40
      data[i + 3] = alpha ? 128 + 127 * Math.sin(x / 7) * Math.cos(y / 5) : 255
    }
  }
  return { width, height, data }
}

export function pixelAt(image: RawImage, x: number, y: number): number[] {
  const i = (y * image.width + x) * 4
  return Array.from(image.data.subarray(i, i + 4))
}
