import { WEIGHT_BITS, type Weights } from '../weights.js'

/** Sums stay exact in 32 bits as long as 255 * sum(|w|) + 1/2 stays below 2^31 (it is ~2^23 for real kernels). */
const MAX_ABS_SUM = Math.floor((2 ** 31 - 1 - (1 << (WEIGHT_BITS - 1))) / 255)

export interface RowTable { readonly groups: number; readonly table: Int16Array }
export interface ColumnTable { readonly pairs: number; readonly table: Int16Array }

// built once per weight table (which weight-cache.ts shares between calls); undefined is remembered too
const rowTables = new WeakMap<Weights, RowTable | undefined>()
const columnTables = new WeakMap<Weights, ColumnTable | undefined>()

/** The largest tap count of an axis, or 0 when a weight does not fit the SIMD kernels' 16 bits. */
function usableTaps(axis: Weights): number {
  let most = 0
  for (let i = 0; i < axis.count.length; i++) {
    const n = axis.count[i]!
    let abs = 0
    for (let k = i * axis.taps, end = k + n; k < end; k++) {
      const w = axis.values[k]!
      if (w < -32768 || w > 32767) return 0
      abs += Math.abs(w)
    }
    if (abs > MAX_ABS_SUM) return 0
    if (n > most) most = n
  }
  return most
}

/**
 * Horizontal-pass weights for resample.c's `resample_rows`: per output pixel, `groups` groups of
 * 4 taps, each 2 vectors of 8 i16: [w0 w1] x 4 then [w2 w3] x 4 (the pairs the dot products
 * take), zero past the pixel's own taps. Undefined when a weight does not fit in 16 bits.
 */
export function rowWeightTable(axis: Weights): RowTable | undefined {
  return memo(rowTables, axis, buildRowTable)
}

/**
 * Vertical-pass weights for `resample_columns`: per output row, `pairs` vectors [w(2k) w(2k+1)] x 4
 * (i16), zero for the padding tap of an odd count. Undefined when a weight does not fit in 16 bits.
 */
export function columnWeightTable(axis: Weights): ColumnTable | undefined {
  return memo(columnTables, axis, buildColumnTable)
}

function memo<T>(tables: WeakMap<Weights, T | undefined>, axis: Weights, build: (axis: Weights) => T | undefined): T | undefined {
  if (!tables.has(axis)) tables.set(axis, build(axis))
  return tables.get(axis)
}

function buildRowTable(axis: Weights): RowTable | undefined {
  const most = usableTaps(axis)
  if (most === 0) return undefined
  const groups = Math.ceil(most / 4)
  const table = new Int16Array(axis.count.length * groups * 16)
  for (let x = 0; x < axis.count.length; x++) {
    const n = axis.count[x]!
    const from = x * axis.taps
    for (let k = 0; k < n; k++) {
      // tap k lands in group k >> 2, vector (k >> 1) & 1, at i16 position k & 1 of each pair
      const at = (x * groups + (k >> 2)) * 16 + ((k >> 1) & 1) * 8 + (k & 1)
      const w = axis.values[from + k]!
      for (let j = 0; j < 8; j += 2) table[at + j] = w
    }
  }
  return { groups, table }
}

function buildColumnTable(axis: Weights): ColumnTable | undefined {
  const most = usableTaps(axis)
  if (most === 0) return undefined
  const pairs = Math.ceil(most / 2)
  const table = new Int16Array(axis.count.length * pairs * 8)
  for (let y = 0; y < axis.count.length; y++) {
    const n = axis.count[y]!
    const from = y * axis.taps
    for (let k = 0; k < n; k++) {
      const at = (y * pairs + (k >> 1)) * 8 + (k & 1)
      const w = axis.values[from + k]!
      for (let j = 0; j < 8; j += 2) table[at + j] = w
    }
  }
  return { pairs, table }
}
