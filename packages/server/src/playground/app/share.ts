/**
 * What the page shares: its state in the URL's hash (`#process=...&dialect=obs&image=own`, read
 * back on load, so a link restores the string, the dialect and which image: the demo, or the
 * sender's own, which stays on the sender's machine, so the page says so and shows the demo), and
 * the same string as code to paste elsewhere: an object URL, ali-oss client code, the CLI command.
 */
export type Dialect = 'oss' | 'obs'

export interface ShareState {
  process: string
  dialect: Dialect
  /** the demo image (the default), or one the user dropped, pasted or uploaded */
  image?: 'demo' | 'own'
}

const QUERY_KEY: Record<Dialect, string> = { oss: 'x-oss-process', obs: 'x-image-process' }

export function stateToHash(state: ShareState): string {
  const params = new URLSearchParams({ process: state.process })
  if (state.dialect !== 'oss') params.set('dialect', state.dialect)
  if (state.image === 'own') params.set('image', 'own')
  return `#${params.toString()}`
}

/** The state a hash carries, or undefined for a hash that is not ours (or empty). */
export function hashToState(hash: string): ShareState | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const process = params.get('process')
  if (!process) return undefined
  return { process, dialect: params.get('dialect') === 'obs' ? 'obs' : 'oss', image: params.get('image') === 'own' ? 'own' : 'demo' }
}

/** An object URL on this server (path-style `/<bucket>/<key>`; `my-bucket/photo.jpg` stands for the user's own). */
export function objectUrl(origin: string, state: ShareState, object = 'my-bucket/photo.jpg'): string {
  return `${origin}/${object}?${QUERY_KEY[state.dialect]}=${encodeURIComponent(state.process)}`
}

/** ali-oss (the OSS Node SDK) code fetching the processed object. */
export function aliOssCode(state: ShareState, key = 'photo.jpg'): string {
  return [
    "const OSS = require('ali-oss')",
    "const client = new OSS({ region: 'oss-cn-hangzhou', bucket: 'my-bucket', accessKeyId, accessKeySecret })",
    `const result = await client.get(${JSON.stringify(key)}, { process: ${JSON.stringify(state.process)} })`,
  ].join('\n')
}

/** A POSIX shell word: single-quoted, any `'` closed, escaped and reopened. */
function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`
}

/** The imgproc CLI command that makes the same result from a local file. */
export function cliCommand(state: ShareState, input = 'photo.jpg', output = 'out.jpg'): string {
  const dialect = state.dialect === 'obs' ? ' --dialect obs' : ''
  return `imgproc process ${input} ${shellQuote(state.process)} -o ${output}${dialect}`
}
