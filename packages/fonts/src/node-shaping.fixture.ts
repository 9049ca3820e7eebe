/**
 * Reference renderings for the shaping tests: HarfBuzz's own `hb-view` (Debian libharfbuzz-bin:
 * the system's HarfBuzz for shaping, cairo for drawing, neither of them ours) draws the same text
 * with the same font file, and the two drawings are compared as ink masks.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RawImage } from '@imgproc/types'
import sharp from 'sharp'

export const HB_VIEW_MISSING = spawnSync('hb-view', ['--version']).error !== undefined

/** Ink coverage 0-255 per pixel. */
export interface Coverage {
  width: number
  height: number
  data: Uint8Array
}

/** hb-view's drawing of `text` in the font file `font` at `size` px: black on white, no margin, as coverage. */
export async function hbView(font: Uint8Array, text: string, size: number): Promise<Coverage> {
  const dir = mkdtempSync(join(tmpdir(), 'hb-view-'))
  try {
    writeFileSync(join(dir, 'font.ttf'), font)
    writeFileSync(join(dir, 'text.txt'), text)
    const png = execFileSync('hb-view', [`--font-size=${size}`, '--margin=0', '-O', 'png', `--text-file=${join(dir, 'text.txt')}`, join(dir, 'font.ttf')])
    const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true })
    return { width: info.width, height: info.height, data: Uint8Array.from(data, (grey) => 255 - grey) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The alpha channel of an RGBA text image (what renderText draws) as coverage. */
export function coverageOf(image: RawImage): Coverage {
  const data = new Uint8Array(image.width * image.height)
  for (let i = 0; i < data.length; i++) data[i] = image.data[i * 4 + 3]!
  return { width: image.width, height: image.height, data }
}

/** The part of `c` inside its ink's bounding box (pixels of at least half coverage). */
function cropToInk(c: Coverage): Coverage {
  let minX = c.width
  let minY = c.height
  let maxX = -1
  let maxY = -1
  for (let y = 0; y < c.height; y++)
    for (let x = 0; x < c.width; x++)
      if (c.data[y * c.width + x]! >= 128) (minX = Math.min(minX, x), maxX = Math.max(maxX, x), minY = Math.min(minY, y), maxY = Math.max(maxY, y))
  const width = maxX - minX + 1
  const height = maxY - minY + 1
  const data = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) data.set(c.data.subarray((minY + y) * c.width + minX, (minY + y) * c.width + minX + width), y * width)
  return { width, height, data }
}

export interface InkComparison {
  /** ink bounding box sizes, ours and the reference's */
  ours: { width: number; height: number }
  reference: { width: number; height: number }
  /**
   * how much ink agrees, 0-1: the share of each drawing's ink pixels (at least half covered) with
   * ink of the other within one pixel, the harmonic mean of both ways, at the best alignment of
   * the boxes within two pixels (rasterisers differ in sub-pixel placement and anti-aliasing)
   */
  agreement: number
}

const inkAt = (c: Coverage, x: number, y: number) => x >= 0 && y >= 0 && x < c.width && y < c.height && c.data[y * c.width + x]! >= 128

function inkNear(c: Coverage, x: number, y: number): boolean {
  for (let j = -1; j <= 1; j++) for (let i = -1; i <= 1; i++) if (inkAt(c, x + i, y + j)) return true
  return false
}

/** Share of `a`'s ink with ink of `b` within one pixel, `b` shifted by (dx, dy). */
function nearShare(a: Coverage, b: Coverage, dx: number, dy: number): number {
  let ink = 0
  let near = 0
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      if (!inkAt(a, x, y)) continue
      ink++
      if (inkNear(b, x - dx, y - dy)) near++
    }
  }
  return ink === 0 ? 1 : near / ink
}

/** Compares two drawings of the same line by their ink (see InkComparison). */
export function compareInk(ours: Coverage, reference: Coverage): InkComparison {
  const a = cropToInk(ours)
  const b = cropToInk(reference)
  let agreement = 0
  for (let dy = -2; dy <= 2; dy++) {
    for (let dx = -2; dx <= 2; dx++) {
      const p = nearShare(a, b, dx, dy)
      const r = nearShare(b, a, -dx, -dy)
      agreement = Math.max(agreement, p + r === 0 ? 0 : (2 * p * r) / (p + r))
    }
  }
  return { ours: { width: a.width, height: a.height }, reference: { width: b.width, height: b.height }, agreement }
}

/** The drawings agree: boxes within two pixels each way and at least `minAgreement` of the ink in place. */
export function inkMatches(c: InkComparison, minAgreement = 0.95): boolean {
  return Math.abs(c.ours.width - c.reference.width) <= 2 && Math.abs(c.ours.height - c.reference.height) <= 2 && c.agreement >= minAgreement
}
