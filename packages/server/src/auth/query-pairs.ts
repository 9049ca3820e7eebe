/**
 * The query string of a request as an ordered list of pairs that keeps both the wire form and
 * the decoded form of every name and value. The signature schemes disagree on which one they
 * sign (OSS V1 signs decoded values, OBS/AWS V2 sorts the raw `k=v` strings, OSS V4 re-encodes
 * the decoded ones), so both must survive parsing.
 *
 * Decoding follows `URLSearchParams` exactly (`+` is a space, bad escapes stay as written), so
 * the value that is verified is the value the router reads with `url.searchParams.get(...)`.
 */

export interface QueryPair {
  /** the `k=v` (or bare `k`) segment as it appeared on the wire */
  readonly raw: string
  /** the name as it appeared on the wire */
  readonly rawName: string
  /** the value as it appeared on the wire; '' when there was no `=` */
  readonly rawValue: string
  /** whether the segment had an `=` at all (`?acl` versus `?acl=`) */
  readonly hasEquals: boolean
  readonly name: string
  readonly value: string
}

/** Decodes one name or value the way URLSearchParams does (`+` is a space, bad escapes kept). */
export function formDecode(text: string): string {
  if (!/[%+]/.test(text)) return text
  return new URLSearchParams(`x=${text}`).get('x') ?? text
}

/** Parses `search` (with or without the leading `?`), skipping empty segments like URLSearchParams. */
export function parseQueryPairs(search: string): QueryPair[] {
  const text = search.startsWith('?') ? search.slice(1) : search
  const pairs: QueryPair[] = []
  if (text === '') return pairs
  for (const raw of text.split('&')) {
    if (raw === '') continue
    const at = raw.indexOf('=')
    const rawName = at < 0 ? raw : raw.slice(0, at)
    const rawValue = at < 0 ? '' : raw.slice(at + 1)
    pairs.push({ raw, rawName, rawValue, hasEquals: at >= 0, name: formDecode(rawName), value: formDecode(rawValue) })
  }
  return pairs
}

/** The decoded value of the first pair called `name` (case-sensitive), or undefined. */
export function queryValue(pairs: readonly QueryPair[], name: string): string | undefined {
  return pairs.find((pair) => pair.name === name)?.value
}

/** JavaScript's default sort order (UTF-16 code units), which every SDK here uses. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
