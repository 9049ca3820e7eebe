/**
 * Stopgap pixel primitives (extract, quarter turns, flips, canvas, compositing, masks) used while
 * @imgproc/ops has not published them; `createPixelOps` prefers ops' versions once they exist.
 * RGBA8, stride = width * 4; whole pixels are moved as 32-bit words.
 */
import type { RawImage } from '@imgproc/types'
import type { Rect, Size } from '../geometry/size.js'
import type { Rgba } from '../pixels.js'

function words(image: RawImage): Uint32Array {
  return new Uint32Array(image.data.buffer, image.data.byteOffset, image.width * image.height)
}

function blank(width: number, height: number): RawImage {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) }
}

export function extract(image: RawImage, rect: Rect): RawImage {
  const out = blank(rect.width, rect.height)
  const rowBytes = rect.width * 4
  for (let y = 0; y < rect.height; y++) {
    const from = ((rect.top + y) * image.width + rect.left) * 4
    out.data.set(image.data.subarray(from, from + rowBytes), y * rowBytes)
  }
  return out
}

export function rotateQuarter(image: RawImage, turns: 1 | 2 | 3): RawImage {
  const { width: W, height: H } = image
  const out = turns === 2 ? blank(W, H) : blank(H, W)
  const src = words(image)
  const dst = words(out)
  if (turns === 2) {
    for (let i = 0, n = W * H; i < n; i++) dst[n - 1 - i] = src[i]!
    return out
  }
  // clockwise: (x, y) -> (H-1-y, x); counter-clockwise (3 turns): (x, y) -> (y, W-1-x)
  for (let y = 0; y < H; y++) {
    const row = y * W
    if (turns === 1) for (let x = 0; x < W; x++) dst[x * H + (H - 1 - y)] = src[row + x]!
    else for (let x = 0; x < W; x++) dst[(W - 1 - x) * H + y] = src[row + x]!
  }
  return out
}

export function flip(image: RawImage, axis: 'horizontal' | 'vertical'): RawImage {
  const { width: W, height: H } = image
  const out = blank(W, H)
  const src = words(image)
  const dst = words(out)
  for (let y = 0; y < H; y++) {
    const from = y * W
    if (axis === 'vertical') dst.set(src.subarray(from, from + W), (H - 1 - y) * W)
    else for (let x = 0; x < W; x++) dst[from + W - 1 - x] = src[from + x]!
  }
  return out
}

export function embed(image: RawImage, canvas: Size, left: number, top: number, background: Rgba): RawImage {
  const out = blank(canvas.width, canvas.height)
  const fill = new Uint8ClampedArray([background.r, background.g, background.b, background.a])
  words(out).fill(new Uint32Array(fill.buffer)[0]!)
  return composite(out, image, left, top, 100, true)
}

/** Source-over blend of `overlay` at (left, top), clipped, opacity 0-100; `replace` copies instead. */
export function composite(base: RawImage, overlay: RawImage, left: number, top: number, opacity: number, replace = false): RawImage {
  const x0 = Math.max(0, left), y0 = Math.max(0, top)
  const x1 = Math.min(base.width, left + overlay.width), y1 = Math.min(base.height, top + overlay.height)
  const b = base.data, o = overlay.data
  const k = opacity / 100
  for (let y = y0; y < y1; y++) {
    let bi = (y * base.width + x0) * 4
    let oi = ((y - top) * overlay.width + (x0 - left)) * 4
    if (replace) {
      b.set(o.subarray(oi, oi + (x1 - x0) * 4), bi)
      continue
    }
    for (let x = x0; x < x1; x++, bi += 4, oi += 4) {
      const a = (o[oi + 3]! / 255) * k
      if (a === 0) continue
      const ba = b[bi + 3]! / 255
      const outA = a + ba * (1 - a)
      const wb = (ba * (1 - a)) / outA
      const wo = a / outA
      b[bi] = o[oi]! * wo + b[bi]! * wb
      b[bi + 1] = o[oi + 1]! * wo + b[bi + 1]! * wb
      b[bi + 2] = o[oi + 2]! * wo + b[bi + 2]! * wb
      b[bi + 3] = outA * 255
    }
  }
  return base
}

/** Alpha composited over an opaque colour (JPEG output, spec 2.13). */
export function flatten(image: RawImage, background: Rgba): RawImage {
  const out = blank(image.width, image.height)
  const s = image.data, d = out.data
  for (let i = 0; i < s.length; i += 4) {
    const a = s[i + 3]! / 255
    d[i] = s[i]! * a + background.r * (1 - a)
    d[i + 1] = s[i + 1]! * a + background.g * (1 - a)
    d[i + 2] = s[i + 2]! * a + background.b * (1 - a)
    d[i + 3] = 255
  }
  return out
}

/** Multiplies alpha by the coverage of the inscribed circle (one-pixel anti-aliased edge). */
export function circleMask(image: RawImage): RawImage {
  const out = { ...image, data: image.data.slice() }
  const r = Math.min(image.width, image.height) / 2
  const cx = image.width / 2, cy = image.height / 2
  for (let y = 0; y < image.height; y++) {
    const dy = y + 0.5 - cy
    for (let x = 0; x < image.width; x++) {
      const dx = x + 0.5 - cx
      const coverage = Math.min(1, Math.max(0, r - Math.sqrt(dx * dx + dy * dy) + 0.5))
      if (coverage < 1) out.data[(y * image.width + x) * 4 + 3] = out.data[(y * image.width + x) * 4 + 3]! * coverage
    }
  }
  return out
}

/** Transparent outside elliptic corners of radii rx, ry (anti-aliased edge). */
export function roundCorners(image: RawImage, rx: number, ry: number): RawImage {
  const out = { ...image, data: image.data.slice() }
  const { width: W, height: H } = image
  if (rx <= 0 || ry <= 0) return out
  for (let y = 0; y < H; y++) {
    const cy = y < ry ? ry : y >= H - ry ? H - ry : -1
    if (cy < 0) continue
    for (let x = 0; x < W; x++) {
      const cx = x < rx ? rx : x >= W - rx ? W - rx : -1
      if (cx < 0) continue
      const dx = (x + 0.5 - cx) / rx, dy = (y + 0.5 - cy) / ry
      const distance = Math.sqrt(dx * dx + dy * dy)
      const coverage = Math.min(1, Math.max(0, (1 - distance) * Math.min(rx, ry) + 0.5))
      if (coverage < 1) out.data[(y * W + x) * 4 + 3] = out.data[(y * W + x) * 4 + 3]! * coverage
    }
  }
  return out
}
