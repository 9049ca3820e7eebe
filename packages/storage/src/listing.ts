/**
 * One page of a listing over sorted keys: prefix, delimiter roll-up, start-after, opaque cursor
 * and page size, the way S3/OSS do it. Used by the adapters that hold their own key list.
 */
import { ImgError } from '@imgproc/types'
import type { ListOptions } from '@imgproc/types'

/** Compares by Unicode code point, which is the UTF-8 byte order S3 and OSS sort by. */
export function compareKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    // a surrogate (0xD800-0xDFFF) stands for a code point above 0xFFFF: it sorts after 0xE000-0xFFFF
    const isSurrogateX = x >= 0xd800 && x <= 0xdfff
    const isSurrogateY = y >= 0xd800 && y <= 0xdfff
    if (isSurrogateX !== isSurrogateY) return isSurrogateX ? 1 : -1
    return x - y
  }
  return a.length - b.length
}

export interface Page {
  keys: string[]
  commonPrefixes: string[]
  nextCursor?: string
}

// The cursor is the last item of the page: `k<key>` for a key, `p<prefix>` for a common prefix
// (everything under that prefix was rolled up, so the next page skips it too).
function decodeCursor(cursor: string): { after: string; skipPrefix?: string } {
  if (cursor.startsWith('k')) return { after: cursor.slice(1) }
  if (cursor.startsWith('p')) return { after: cursor.slice(1), skipPrefix: cursor.slice(1) }
  throw new ImgError('InvalidArgument', 'The continuation cursor is not valid.', { argument: 'cursor', value: cursor })
}

export function maxKeysOf(options: ListOptions): number {
  const maxKeys = options.maxKeys ?? 1000
  if (!Number.isInteger(maxKeys) || maxKeys < 1 || maxKeys > 1000) {
    throw new ImgError('InvalidArgument', 'max-keys must be an integer from 1 to 1000.', { argument: 'max-keys', value: String(maxKeys) })
  }
  return maxKeys
}

/** `sortedKeys` must be sorted with compareKeys. */
export function paginate(sortedKeys: readonly string[], options: ListOptions): Page {
  const prefix = options.prefix ?? ''
  const delimiter = options.delimiter || undefined
  const maxKeys = maxKeysOf(options)
  const cursor = options.cursor === undefined ? undefined : decodeCursor(options.cursor)
  let after = options.startAfter
  if (cursor && (after === undefined || compareKeys(cursor.after, after) > 0)) after = cursor.after
  const floor = after !== undefined && compareKeys(after, prefix) > 0 ? after : prefix
  const keys: string[] = []
  const commonPrefixes: string[] = []
  let last: string | undefined
  for (let i = lowerBound(sortedKeys, floor); i < sortedKeys.length; i++) {
    const key = sortedKeys[i]!
    if (!key.startsWith(prefix)) break
    if (after !== undefined && compareKeys(key, after) <= 0) continue
    if (cursor?.skipPrefix !== undefined && key.startsWith(cursor.skipPrefix)) continue
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1
    const rolled = cut >= 0 ? key.slice(0, cut + delimiter!.length) : undefined
    if (rolled !== undefined && rolled === commonPrefixes[commonPrefixes.length - 1]) continue
    if (keys.length + commonPrefixes.length === maxKeys) {
      return { keys, commonPrefixes, nextCursor: last }
    }
    if (rolled !== undefined) {
      commonPrefixes.push(rolled)
      last = `p${rolled}`
    } else {
      keys.push(key)
      last = `k${key}`
    }
  }
  return { keys, commonPrefixes }
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (compareKeys(sorted[mid]!, value) < 0) low = mid + 1
    else high = mid
  }
  return low
}
