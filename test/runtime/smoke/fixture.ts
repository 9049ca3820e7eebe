import type { RawImage } from '@imgproc/types'

/**
 * The smoke suite's source picture, drawn in code so every runtime starts from the same pixels
 * without reading a file: a 320x240 colour ramp (by default) (red across, green down, blue on the diagonal) with
 * a dark square in the top-left quadrant, so a wrong rotation or flip changes the checksum.
 */
export function smokeImage(width = 320, height = 240): RawImage {
  const data = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++) {
    const row = y * width * 4
    for (let x = 0; x < width; x++) {
      const i = row + x * 4
      const inSquare = x >= 8 && x < 24 && y >= 8 && y < 24
      data[i] = inSquare ? 20 : Math.round((x * 255) / (width - 1))
      data[i + 1] = inSquare ? 20 : Math.round((y * 255) / (height - 1))
      data[i + 2] = inSquare ? 20 : Math.round(((x + y) * 255) / (width + height - 2))
      data[i + 3] = 255
    }
  }
  return { width, height, data }
}
