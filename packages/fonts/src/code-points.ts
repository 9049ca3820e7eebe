/**
 * A compact text form for a set of code points, so the catalog of ~100 font files (13 000 CJK
 * code points in frequency slices, hence ~9 000 ranges) stays a ~60 KB module: ranges in
 * ascending order, each written as `gap` or `gap.length`, base 36, comma-separated, where `gap`
 * is the distance from the previous range's end (from -1 for the first) and `length` the number
 * of code points after the first (omitted when 0).
 */

/** Sorted inclusive ranges [start0, end0, start1, end1, ...]. */
export type Ranges = Uint32Array

export function encodeCodePoints(codePoints: Iterable<number>): string {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b)
  const parts: string[] = []
  let previousEnd = -1
  for (let i = 0; i < sorted.length; ) {
    const start = sorted[i]!
    let end = start
    while (sorted[i + 1] === end + 1) (end++, i++)
    i++
    const gap = (start - previousEnd).toString(36)
    parts.push(end === start ? gap : `${gap}.${(end - start).toString(36)}`)
    previousEnd = end
  }
  return parts.join(',')
}

export function decodeCodePoints(text: string): Ranges {
  if (text === '') return new Uint32Array(0)
  const parts = text.split(',')
  const ranges = new Uint32Array(parts.length * 2)
  let previousEnd = -1
  parts.forEach((part, i) => {
    const dot = part.indexOf('.')
    const start = previousEnd + parseInt(dot === -1 ? part : part.slice(0, dot), 36)
    const end = start + (dot === -1 ? 0 : parseInt(part.slice(dot + 1), 36))
    ranges[2 * i] = start
    ranges[2 * i + 1] = end
    previousEnd = end
  })
  return ranges
}

/** Whether `codePoint` lies in one of the ranges (binary search). */
export function rangesHave(ranges: Ranges, codePoint: number): boolean {
  let lo = 0
  let hi = ranges.length / 2 - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (codePoint < ranges[2 * mid]!) hi = mid - 1
    else if (codePoint > ranges[2 * mid + 1]!) lo = mid + 1
    else return true
  }
  return false
}
