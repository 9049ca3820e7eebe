/**
 * Our own PNG writer, used when a zlib level or Adam7 interlacing is asked for (the squoosh
 * build offers neither). RGBA8 or RGB8 (when fully opaque), adaptive per-row filtering
 * (minimum sum of absolute differences), deflate by fflate at the asked level.
 */
import type { RawImage } from '@imgproc/types'
import { zlibSync } from 'fflate'
import { crc32 } from '../crc32.js'

export interface PngWriteOptions {
  /** zlib level 0-9 */
  level: number
  interlace: boolean
}

/** Adam7 passes: x start, y start, x step, y step */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const

export function encodePng(image: RawImage, options: PngWriteOptions): Uint8Array {
  const level = Math.max(0, Math.min(9, Math.round(options.level))) as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9
  const channels = isOpaque(image.data) ? 3 : 4
  const passes = options.interlace ? ADAM7 : ([[0, 0, 1, 1]] as const)
  const rows: Uint8Array[] = []
  let total = 0
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((image.width - x0) / dx)
    const h = Math.ceil((image.height - y0) / dy)
    if (w <= 0 || h <= 0) continue
    const filtered = filterPass(image, channels, x0, y0, dx, dy, w, h)
    rows.push(filtered)
    total += filtered.length
  }
  const raw = new Uint8Array(total)
  let at = 0
  for (const part of rows) {
    raw.set(part, at)
    at += part.length
  }
  const ihdr = new Uint8Array(13)
  const view = new DataView(ihdr.buffer)
  view.setUint32(0, image.width)
  view.setUint32(4, image.height)
  ihdr[8] = 8
  ihdr[9] = channels === 4 ? 6 : 2
  ihdr[12] = options.interlace ? 1 : 0
  return assemble([
    ['IHDR', ihdr],
    ['IDAT', zlibSync(raw, { level })],
    ['IEND', new Uint8Array(0)],
  ])
}

function isOpaque(data: Uint8ClampedArray): boolean {
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return false
  return true
}

/** One pass (or the whole image) as filtered scanlines, each prefixed by its filter type. */
function filterPass(image: RawImage, channels: number, x0: number, y0: number, dx: number, dy: number, w: number, h: number): Uint8Array {
  const stride = w * channels
  const out = new Uint8Array(h * (stride + 1))
  let previous = new Uint8Array(stride)
  let current = new Uint8Array(stride)
  const candidate = new Uint8Array(stride)
  const src = image.data
  const srcStride = image.width * 4
  for (let row = 0; row < h; row++) {
    const y = y0 + row * dy
    let o = 0
    for (let col = 0; col < w; col++) {
      const s = y * srcStride + (x0 + col * dx) * 4
      current[o++] = src[s]!
      current[o++] = src[s + 1]!
      current[o++] = src[s + 2]!
      if (channels === 4) current[o++] = src[s + 3]!
    }
    const base = row * (stride + 1)
    let bestScore = Infinity
    for (let type = 0; type < 5; type++) {
      const score = applyFilter(type, current, previous, channels, candidate)
      if (score < bestScore) {
        bestScore = score
        out[base] = type
        out.set(candidate, base + 1)
      }
    }
    const swap = previous
    previous = current
    current = swap
  }
  return out
}

/** Writes filter `type` of `line` into `into`; returns the sum of absolute (signed) bytes. */
function applyFilter(type: number, line: Uint8Array, above: Uint8Array, bpp: number, into: Uint8Array): number {
  let score = 0
  for (let i = 0; i < line.length; i++) {
    const a = i >= bpp ? line[i - bpp]! : 0
    const b = above[i]!
    const c = i >= bpp ? above[i - bpp]! : 0
    let predictor = 0
    if (type === 1) predictor = a
    else if (type === 2) predictor = b
    else if (type === 3) predictor = (a + b) >> 1
    else if (type === 4) {
      const p = a + b - c
      const pa = Math.abs(p - a)
      const pb = Math.abs(p - b)
      const pc = Math.abs(p - c)
      predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
    }
    const value = (line[i]! - predictor) & 0xff
    into[i] = value
    score += value < 128 ? value : 256 - value
  }
  return score
}

function assemble(chunks: Array<[string, Uint8Array]>): Uint8Array {
  const size = 8 + chunks.reduce((sum, [, data]) => sum + 12 + data.length, 0)
  const out = new Uint8Array(size)
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const view = new DataView(out.buffer)
  let at = 8
  for (const [type, data] of chunks) {
    view.setUint32(at, data.length)
    for (let i = 0; i < 4; i++) out[at + 4 + i] = type.charCodeAt(i)
    out.set(data, at + 8)
    view.setUint32(at + 8 + data.length, crc32(out, at + 4, at + 8 + data.length))
    at += 12 + data.length
  }
  return out
}
