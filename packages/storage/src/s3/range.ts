/** The HTTP Range header for a ByteRange, refusing locally what no store could satisfy. */
import { ImgError } from '@imgproc/types'
import type { ByteRange } from '@imgproc/types'

export function rangeHeader(range: ByteRange): string {
  const invalid = () => new ImgError('InvalidRange', 'The requested range cannot be satisfied.')
  if ('suffix' in range) {
    if (!Number.isSafeInteger(range.suffix) || range.suffix <= 0) throw invalid()
    return `bytes=-${range.suffix}`
  }
  const { start, end } = range
  if (!Number.isSafeInteger(start) || start < 0) throw invalid()
  if (end !== undefined && (!Number.isSafeInteger(end) || end < start)) throw invalid()
  return `bytes=${start}-${end ?? ''}`
}
