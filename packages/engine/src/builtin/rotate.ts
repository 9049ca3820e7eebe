/**
 * Stopgap any-angle rotation (until @imgproc/ops publishes one): clockwise, the canvas grows to the
 * bounding box (same size rule as actions/rotate.ts `rotatedSize`), each output pixel samples the
 * source bilinearly through the inverse rotation; outside the source it takes `background`.
 */
import type { RawImage } from '@imgproc/types'
import { rotatedSize } from '../actions/rotate.js'
import type { Rgba } from '../pixels.js'

export function rotate(image: RawImage, degrees: number, background: Rgba): RawImage {
  const { width: W, height: H, data: src } = image
  const { width: outW, height: outH } = rotatedSize(image, degrees)
  const out = new Uint8ClampedArray(outW * outH * 4)
  const radians = (degrees * Math.PI) / 180
  const cos = Math.cos(radians), sin = Math.sin(radians)
  const cx = W / 2, cy = H / 2, ox = outW / 2, oy = outH / 2
  const bg = [background.r, background.g, background.b, background.a]
  for (let y = 0; y < outH; y++) {
    const dy = y + 0.5 - oy
    for (let x = 0; x < outW; x++) {
      const dx = x + 0.5 - ox
      // inverse of a clockwise turn (y down): rotate the offset counter-clockwise
      const sx = dx * cos + dy * sin + cx - 0.5
      const sy = -dx * sin + dy * cos + cy - 0.5
      const x0 = Math.floor(sx), y0 = Math.floor(sy)
      const fx = sx - x0, fy = sy - y0
      const o = (y * outW + x) * 4
      for (let c = 0; c < 4; c++) {
        let sum = 0
        for (let k = 0; k < 4; k++) {
          const px = x0 + (k & 1), py = y0 + (k >> 1)
          const w = ((k & 1) ? fx : 1 - fx) * ((k >> 1) ? fy : 1 - fy)
          if (w === 0) continue
          sum += w * (px >= 0 && py >= 0 && px < W && py < H ? src[(py * W + px) * 4 + c]! : bg[c]!)
        }
        out[o + c] = sum + 0.5
      }
    }
  }
  return { width: outW, height: outH, data: out }
}
