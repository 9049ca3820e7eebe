import { ImgError, type RawImage } from '@imgproc/types'
import type { Rgba } from '../color.js'
import { blankImage } from '../pixels.js'
import type { Font } from './font.js'
import { layoutLine } from './measure.js'
import { CoverageCanvas } from './rasterize.js'
import type { Shaper } from './shaper.js'

export interface TextShadow {
  /** offset in output pixels (positive: right / down) */
  dx: number
  dy: number
  /** 0-1 */
  opacity: number
  /** default opaque black */
  color?: Rgba
}

export interface TextStyle {
  font: Font
  /** fonts tried, in order, for characters `font` lacks (e.g. a Latin font after a CJK-only one) */
  fallbacks?: readonly Font[]
  /** font size in pixels (the em square) */
  size: number
  color: Rgba
  /** multiplies the colour's alpha, 0-1; default 1 */
  opacity?: number
  /** clockwise degrees; the canvas grows to hold the rotated text */
  rotate?: number
  shadow?: TextShadow | null
  /** shapes the text (joining, reordering, right to left); without it glyphs are placed one by one (measure.ts) */
  shaper?: Shaper
}

/** Longest side a text image may have (a size or string that would exceed it is refused). */
const MAX_SIDE = 16384
/** Pixel ceiling of one text image: the coverage buffer costs 4 bytes per pixel on top of RGBA. */
const MAX_PIXELS = 1 << 25

/**
 * Rasterises one line of text onto a transparent canvas just large enough for it (its line box
 * of advance width x (ascent + descent), rotated, plus any glyph overhang and the shadow offset).
 * Glyph outlines come from opentype.js, placed by the shaper when one is given; the fill is our
 * own anti-aliased non-zero scanline coverage (rasterize.ts), so rotation is applied to the
 * outlines, not to pixels.
 */
export function renderText(text: string, style: TextStyle): RawImage {
  const { font, size } = style
  if (!(size > 0) || size > MAX_SIDE) throw new ImgError('InvalidArgument', `Expected a font size in (0, ${MAX_SIDE}] but received ${size}`)
  if (!Number.isFinite(style.rotate ?? 0)) throw new ImgError('InvalidArgument', `Expected a finite rotation but received ${style.rotate}`)
  const { glyphs, metrics } = layoutLine([font, ...(style.fallbacks ?? [])], text, size, style.shaper)
  const angle = (((style.rotate ?? 0) % 360) * Math.PI) / 180
  const cos = Math.cos(angle)
  const sin = Math.sin(angle)
  // flatten the commands into one array of rotated points: [op, x, y, (x, y), (x, y)] ...
  const points: number[] = []
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  const add = (x: number, y: number): void => {
    const rx = x * cos - y * sin
    const ry = x * sin + y * cos
    points.push(rx, ry)
    if (rx < minX) minX = rx
    if (rx > maxX) maxX = rx
    if (ry < minY) minY = ry
    if (ry > maxY) maxY = ry
  }
  const ops: string[] = []
  const commands = glyphs.flatMap((g) => g.glyph.getPath(g.x, metrics.ascent + (g.y ?? 0), size, undefined, g.font).commands)
  for (const c of commands) {
    ops.push(c.type)
    if (c.type === 'M' || c.type === 'L') add(c.x, c.y)
    else if (c.type === 'Q') (add(c.x1, c.y1), add(c.x, c.y))
    else if (c.type === 'C') (add(c.x1, c.y1), add(c.x2, c.y2), add(c.x, c.y))
  }
  const boxLength = points.length
  // the line box corners count too, so spaces and the full line height are kept
  for (const [x, y] of [[0, 0], [metrics.width, 0], [0, metrics.height], [metrics.width, metrics.height]] as const) add(x, y)
  points.length = boxLength
  const shadow = style.shadow && style.shadow.opacity > 0 ? style.shadow : null
  const sdx = shadow ? Math.round(shadow.dx) : 0
  const sdy = shadow ? Math.round(shadow.dy) : 0
  const originX = -Math.floor(minX) + Math.max(0, -sdx)
  const originY = -Math.floor(minY) + Math.max(0, -sdy)
  const glyphW = Math.max(1, Math.ceil(maxX) - Math.floor(minX))
  const glyphH = Math.max(1, Math.ceil(maxY) - Math.floor(minY))
  const width = glyphW + Math.abs(sdx)
  const height = glyphH + Math.abs(sdy)
  if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
    throw new ImgError('ImageTooLarge', `The text would need a ${width}x${height} image (limits: ${MAX_SIDE} per side, ${MAX_PIXELS} pixels)`)
  }
  const canvas = new CoverageCanvas(glyphW, glyphH)
  const ox = originX - Math.max(0, -sdx)
  const oy = originY - Math.max(0, -sdy)
  let p = 0
  let startX = 0
  let startY = 0
  let x = 0
  let y = 0
  for (const op of ops) {
    if (op === 'M') {
      ;[x, y] = [points[p++]! + ox, points[p++]! + oy]
      startX = x
      startY = y
    } else if (op === 'L') {
      const nx = points[p++]! + ox
      const ny = points[p++]! + oy
      canvas.line(x, y, nx, ny)
      ;[x, y] = [nx, ny]
    } else if (op === 'Q') {
      const cx = points[p++]! + ox
      const cy = points[p++]! + oy
      const nx = points[p++]! + ox
      const ny = points[p++]! + oy
      canvas.quad(x, y, cx, cy, nx, ny)
      ;[x, y] = [nx, ny]
    } else if (op === 'C') {
      const c1x = points[p++]! + ox
      const c1y = points[p++]! + oy
      const c2x = points[p++]! + ox
      const c2y = points[p++]! + oy
      const nx = points[p++]! + ox
      const ny = points[p++]! + oy
      canvas.cubic(x, y, c1x, c1y, c2x, c2y, nx, ny)
      ;[x, y] = [nx, ny]
    } else if (op === 'Z') {
      canvas.line(x, y, startX, startY)
      ;[x, y] = [startX, startY]
    }
  }
  return paint(canvas.coverage(), glyphW, glyphH, width, height, style, shadow, Math.max(0, sdx), Math.max(0, sdy))
}

/** Composes the coverage mask (and its shadow copy) into straight-alpha RGBA. */
function paint(
  cover: Uint8ClampedArray,
  glyphW: number,
  glyphH: number,
  width: number,
  height: number,
  style: TextStyle,
  shadow: TextShadow | null,
  shadowX: number,
  shadowY: number,
): RawImage {
  const out = blankImage(width, height)
  const d = out.data
  const textX = shadow ? Math.max(0, -Math.round(shadow.dx)) : 0
  const textY = shadow ? Math.max(0, -Math.round(shadow.dy)) : 0
  const { r, g, b } = style.color
  const textAlpha = (style.color.a / 255) * Math.min(1, Math.max(0, style.opacity ?? 1))
  const sc = shadow?.color ?? { r: 0, g: 0, b: 0, a: 255 }
  const shadowAlpha = shadow ? (sc.a / 255) * Math.min(1, Math.max(0, shadow.opacity)) * textAlpha : 0
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const gx = x - textX
      const gy = y - textY
      const ta = gx >= 0 && gy >= 0 && gx < glyphW && gy < glyphH ? (cover[gy * glyphW + gx]! / 255) * textAlpha : 0
      const hx = x - shadowX
      const hy = y - shadowY
      const sa = shadow && hx >= 0 && hy >= 0 && hx < glyphW && hy < glyphH ? (cover[hy * glyphW + hx]! / 255) * shadowAlpha : 0
      if (ta === 0 && sa === 0) continue
      // text over shadow, straight alpha
      const under = sa * (1 - ta)
      const a = ta + under
      const i = (y * width + x) * 4
      d[i] = (r * ta + sc.r * under) / a
      d[i + 1] = (g * ta + sc.g * under) / a
      d[i + 2] = (b * ta + sc.b * under) / a
      d[i + 3] = a * 255
    }
  }
  return out
}
