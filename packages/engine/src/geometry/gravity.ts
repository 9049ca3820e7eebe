/**
 * The 3x3 gravity grid shared by crop and watermark. OSS names the cells after compass points,
 * OBS after screen positions (spec 9.2); both map onto one column/row pair.
 */
export type Gravity = 'nw' | 'north' | 'ne' | 'west' | 'center' | 'east' | 'sw' | 'south' | 'se'

const CELLS: Record<Gravity, readonly [column: 0 | 1 | 2, row: 0 | 1 | 2]> = {
  nw: [0, 0], north: [1, 0], ne: [2, 0],
  west: [0, 1], center: [1, 1], east: [2, 1],
  sw: [0, 2], south: [1, 2], se: [2, 2],
}

/** OBS spelling -> OSS spelling. */
const OBS_NAMES: Record<string, Gravity> = {
  tl: 'nw', top: 'north', tr: 'ne', left: 'west', center: 'center', right: 'east', bl: 'sw', bottom: 'south', br: 'se',
}

/** Accepts either dialect's name (the grammar has already checked it belongs to the dialect). */
export function toGravity(name: string): Gravity | undefined {
  if (name in CELLS) return name as Gravity
  return OBS_NAMES[name]
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
