/**
 * The scanner: one pass over `source[start, end)` splitting actions at `/` and parameter tokens at `,`,
 * and remembering the first `_` of each token (key/value separator; base64url values contain `_` too,
 * so only the first one counts). No regular expressions, no backtracking: every character is read once.
 */

export interface RawToken {
  start: number
  end: number
  /** index of the first `_` in the token, or -1 for a key-less value */
  sep: number
}

export interface RawAction {
  /** the action name runs from `start` to `nameEnd` */
  start: number
  nameEnd: number
  /** end of the segment (before the `/` or the end of the chain) */
  end: number
  /** non-empty parameter tokens, in order (empty tokens, e.g. from a trailing comma, are dropped) */
  tokens: RawToken[]
}

const SLASH = 47
const COMMA = 44
const UNDERSCORE = 95

/**
 * Splits `source[start, end)` into actions. A segment's first token is the action name.
 * Empty segments (a leading, trailing or repeated `/`) are skipped: URLs and styles written by
 * other tools often end in `/`, and an OSS-compatible peer accepts them. A segment that is not
 * empty but has no name (`,w_1`) is returned with `nameEnd === start`, so the parser can report it.
 */
export function scanActions(source: string, start: number, end: number): RawAction[] {
  const actions: RawAction[] = []
  let segStart = start
  let nameEnd = -1
  let tokStart = start
  let sep = -1
  let tokens: RawToken[] = []
  for (let i = start; i <= end; i++) {
    const c = i === end ? SLASH : source.charCodeAt(i)
    if (c === COMMA || c === SLASH) {
      if (nameEnd < 0) nameEnd = i
      else if (i > tokStart) tokens.push({ start: tokStart, end: i, sep })
      tokStart = i + 1
      sep = -1
      if (c === SLASH) {
        if (i > segStart) actions.push({ start: segStart, nameEnd, end: i, tokens })
        segStart = i + 1
        nameEnd = -1
        tokens = []
      }
    } else if (c === UNDERSCORE && sep < 0) {
      sep = i
    }
  }
  return actions
}
