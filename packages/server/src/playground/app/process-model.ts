/**
 * The process string as the controls see it: a list of actions, each a name and its raw
 * `key_value` tokens, kept exactly as written (only the token a control changes is rewritten), so
 * editing one parameter never reorders or re-encodes the rest of what the user typed. The
 * grammar validates the string; this model only splits and joins it, like the grammar's scanner:
 * actions at `/`, tokens at `,`, the key ends at the first `_` (base64url values contain `_`).
 */
export interface ActionTokens {
  name: string
  /** raw tokens after the name, `w_300` or a key-less `90` */
  tokens: string[]
}

export interface ProcessModel {
  /** false for `style/...` or anything that is not an `image/` chain: no controls then */
  editable: boolean
  actions: ActionTokens[]
  /** kept verbatim: the `|sys/saveas,...` suffix */
  suffix: string
}

const PREFIX = 'image/'

export function splitProcess(text: string): ProcessModel {
  const bar = text.indexOf('|')
  const chain = bar === -1 ? text : text.slice(0, bar)
  const suffix = bar === -1 ? '' : text.slice(bar)
  const start = chain.replace(/^\/+/, '')
  if (!start.startsWith(PREFIX)) return { editable: false, actions: [], suffix }
  const actions = start
    .slice(PREFIX.length)
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      const [name = '', ...tokens] = segment.split(',')
      return { name, tokens: tokens.filter((token) => token !== '') }
    })
  return { editable: true, actions, suffix }
}

export function joinProcess(model: ProcessModel): string {
  return PREFIX + model.actions.map((a) => [a.name, ...a.tokens].join(',')).join('/') + model.suffix
}

/** `key` of a token: up to the first `_`; a key-less token has none. */
function keyOf(token: string): string | undefined {
  const sep = token.indexOf('_')
  return sep === -1 ? undefined : token.slice(0, sep)
}

/** The raw value of `key` (`value` = the key-less one); the last one wins, as in the grammar. */
export function getParam(action: ActionTokens, key: string): string | undefined {
  for (let i = action.tokens.length - 1; i >= 0; i--) {
    const token = action.tokens[i]!
    const tokenKey = keyOf(token)
    if (key === 'value' ? tokenKey === undefined : tokenKey === key) return key === 'value' ? token : token.slice(key.length + 1)
  }
  return undefined
}

/** A copy of `action` with `key` set to `value` (in place of the old token), or removed when `value` is empty. */
export function setParam(action: ActionTokens, key: string, value: string | undefined): ActionTokens {
  const matches = (token: string) => (key === 'value' ? keyOf(token) === undefined : keyOf(token) === key)
  const token = key === 'value' ? value : `${key}_${value}`
  const at = action.tokens.findIndex(matches)
  const rest = action.tokens.filter((t) => !matches(t))
  if (value === undefined || value === '') return { ...action, tokens: rest }
  if (at === -1) return { ...action, tokens: key === 'value' ? [token!, ...rest] : [...rest, token!] }
  rest.splice(at, 0, token!)
  return { ...action, tokens: rest }
}
