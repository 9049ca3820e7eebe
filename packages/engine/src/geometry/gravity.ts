/**
 * The 3x3 gravity grid shared by crop and watermark. The grammar has already turned OBS's screen
 * positions (spec 9.2) into OSS's compass names, so only those arrive here.
 */
import type { Gravity } from '@imgproc/grammar'

export type { Gravity }

const CELLS: Record<Gravity, readonly [column: 0 | 1 | 2, row: 0 | 1 | 2]> = {
  nw: [0, 0], north: [1, 0], ne: [2, 0],
  west: [0, 1], center: [1, 1], east: [2, 1],
  sw: [0, 2], south: [1, 2], se: [2, 2],
}

export function gravityCell(gravity: Gravity): readonly [column: 0 | 1 | 2, row: 0 | 1 | 2] {
  return CELLS[gravity]
}

/**
 * The top-left corner of a grid cell (spec 2.2: "the origin is the top-left corner of the chosen
 * cell"). Cell boundaries are floor(k * size / 3) — UNCONFIRMED in the spec; this choice gives the
 * 3P-observed widths (g_north on a 400-wide image leaves round(2*400/3) = 267 columns).
 */
export function cellOrigin(gravity: Gravity, width: number, height: number): { x: number; y: number } {
  const [column, row] = CELLS[gravity]
  return { x: Math.floor((column * width) / 3), y: Math.floor((row * height) / 3) }
}
