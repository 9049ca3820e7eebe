import { pixelsOf } from '../pixels.js'
import { premultiply } from '../premultiply.js'

/** True on little-endian hosts, where a Uint32 pixel is R | G<<8 | B<<16 | A<<24. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

/**
 * Integer box pre-shrink (libvips `shrink`): averages fx x fy blocks before the final kernel,
 * so large downscales run the expensive kernel on a small image. Partial edge blocks average
 * what they hold.
 *
 * Speed: one 32-bit load per pixel, and two channels summed per add (R and B in the low and high
 * 16-bit lanes of `v & 0x00FF00FF`, G and A likewise after `>>> 8`), which is exact while a block
 * holds at most 257 pixels (257 * 255 < 65536); larger blocks take the one-channel-per-add loop.
 */
export function boxShrink(src: Uint8ClampedArray, width: number, height: number, fx: number, fy: number):
  { width: number; height: number; data: Uint8ClampedArray } {
  const ow = Math.ceil(width / fx)
  const oh = Math.ceil(height / fy)
  const out = new Uint8ClampedArray(ow * oh * 4)
  if (LITTLE_ENDIAN && fx * fy <= 257) shrinkPacked(pixelsOf(src), width, height, fx, fy, out, ow, oh)
  else shrinkBytes(src, width, height, fx, fy, out, ow, oh)
  return { width: ow, height: oh, data: out }
}

/**
 * `boxShrink(premultiply(src))` in one pass, for images with transparency: each block sums
 * colour x alpha straight from the source, so the full-size premultiplied copy (the largest buffer
 * and the slowest pass of an alpha thumbnail) is never made, and colour is rounded once instead of
 * twice. The result is premultiplied, as the kernel passes after it expect.
 */
export function boxShrinkPremultiplied(src: Uint8ClampedArray, width: number, height: number, fx: number, fy: number):
  { width: number; height: number; data: Uint8ClampedArray } {
  if (!LITTLE_ENDIAN) return boxShrink(premultiply(src), width, height, fx, fy)
  const ow = Math.ceil(width / fx)
  const oh = Math.ceil(height / fy)
  const out = new Uint8ClampedArray(ow * oh * 4)
  const s = pixelsOf(src)
  // per output column: sum of r*a, g*a, b*a and a over the block rows read so far (doubles: exact
  // far beyond any block a 16384-pixel side allows)
  const acc = new Float64Array(ow * 4)
  const fullBlocks = Math.floor(width / fx)
  for (let oy = 0; oy < oh; oy++) {
    acc.fill(0)
    const yEnd = Math.min(height, (oy + 1) * fy)
    for (let y = oy * fy; y < yEnd; y++) {
      const rowEnd = (y + 1) * width
      let p = y * width
      for (let ox = 0, c = 0; ox < ow; ox++, c += 4) {
        const blockEnd = ox < fullBlocks ? p + fx : rowEnd
        let r = 0
        let g = 0
        let b = 0
        let a = 0
        for (; p < blockEnd; p++) {
          const v = s[p]!
          const alpha = v >>> 24
          // a clear pixel adds nothing (cut-outs and logos are mostly clear: 1.5x faster there)
          if (alpha === 0) continue
          r += (v & 255) * alpha
          g += ((v >>> 8) & 255) * alpha
          b += ((v >>> 16) & 255) * alpha
          a += alpha
        }
        acc[c]! += r
        acc[c + 1]! += g
        acc[c + 2]! += b
        acc[c + 3]! += a
      }
    }
    const rows = yEnd - oy * fy
    const lastWidth = width - (ow - 1) * fx
    let d = oy * ow * 4
    for (let ox = 0, c = 0; ox < ow; ox++, c += 4, d += 4) {
      const n = (ox < ow - 1 ? fx : lastWidth) * rows
      const colour = 255 * n
      // the clamped array rounds on store
      out[d] = acc[c]! / colour
      out[d + 1] = acc[c + 1]! / colour
      out[d + 2] = acc[c + 2]! / colour
      out[d + 3] = acc[c + 3]! / n
    }
  }
  return { width: ow, height: oh, data: out }
}

function shrinkPacked(s: Uint32Array, width: number, height: number, fx: number, fy: number, out: Uint8ClampedArray, ow: number, oh: number): void {
  const rb = new Uint32Array(ow)
  const ga = new Uint32Array(ow)
  const fullBlocks = Math.floor(width / fx)
  for (let oy = 0; oy < oh; oy++) {
    rb.fill(0)
    ga.fill(0)
    const yEnd = Math.min(height, (oy + 1) * fy)
    for (let y = oy * fy; y < yEnd; y++) {
      let p = y * width
      for (let ox = 0; ox < fullBlocks; ox++) {
        let a = 0
        let b = 0
        for (let k = 0; k < fx; k++, p++) {
          const v = s[p]!
          a += v & 0xff00ff
          b += (v >>> 8) & 0xff00ff
        }
        rb[ox]! += a
        ga[ox]! += b
      }
      if (fullBlocks < ow) {
        let a = 0
        let b = 0
        for (; p < (y + 1) * width; p++) {
          const v = s[p]!
          a += v & 0xff00ff
          b += (v >>> 8) & 0xff00ff
        }
        rb[fullBlocks]! += a
        ga[fullBlocks]! += b
      }
    }
    const rows = yEnd - oy * fy
    let d = oy * ow * 4
    for (let ox = 0; ox < ow; ox++, d += 4) {
      const n = (ox < fullBlocks ? fx : width - fullBlocks * fx) * rows
      const a = rb[ox]!
      const b = ga[ox]!
      // the clamped array rounds on store, so no +n/2 bias term
      out[d] = (a & 0xffff) / n
      out[d + 1] = (b & 0xffff) / n
      out[d + 2] = (a >>> 16) / n
      out[d + 3] = (b >>> 16) / n
    }
  }
}

function shrinkBytes(src: Uint8ClampedArray, width: number, height: number, fx: number, fy: number, out: Uint8ClampedArray, ow: number, oh: number): void {
  const acc = new Float64Array(ow * 4)
  const stride = width * 4
  for (let oy = 0; oy < oh; oy++) {
    acc.fill(0)
    const yEnd = Math.min(height, (oy + 1) * fy)
    for (let y = oy * fy; y < yEnd; y++) {
      let s = y * stride
      for (let x = 0; x < width; x++, s += 4) {
        const a = ((x / fx) | 0) * 4
        acc[a]! += src[s]!
        acc[a + 1]! += src[s + 1]!
        acc[a + 2]! += src[s + 2]!
        acc[a + 3]! += src[s + 3]!
      }
    }
    const rows = yEnd - oy * fy
    let d = oy * ow * 4
    for (let ox = 0; ox < ow; ox++, d += 4) {
      const n = Math.min(fx, width - ox * fx) * rows
      const a = ox * 4
      out[d] = acc[a]! / n
      out[d + 1] = acc[a + 1]! / n
      out[d + 2] = acc[a + 2]! / n
      out[d + 3] = acc[a + 3]! / n
    }
  }
}
