/**
 * Node-only: credentials from a JSON file, with a development key generated on first start.
 *
 * File format (`imgproc-credentials.json` or wherever `path` points):
 *
 *   { "credentials": [ { "accessKeyId": "IMGP...", "accessKeySecret": "..." } ] }
 *
 * When the file does not exist and `generateIfMissing` is true (the default), a random key
 * pair is generated with WebCrypto `getRandomValues`, written with mode 0600 through a temporary
 * file and a rename (so a crash never leaves half a file and a concurrent reader never sees
 * one), and returned as `generated` so the server can print it once:
 *
 *   const { store, generated } = await loadCredentialsFile('./imgproc-credentials.json')
 *   if (generated) console.log(describeGeneratedCredential(generated, path))
 *
 * A file that exists but is malformed is an error (never silently replaced).
 */
import { randomUUID } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { assertUsableCredential, createMemoryCredentialStore, type Credential, type CredentialStore } from './credentials.js'

export interface CredentialsFileResult {
  store: CredentialStore
  credentials: Credential[]
  /** set only when this call created the file */
  generated?: Credential
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** `length` characters from `alphabet`, uniformly (rejection sampling, no modulo bias). */
export function randomString(length: number, alphabet = ALPHANUMERIC): string {
  const limit = 256 - (256 % alphabet.length)
  let out = ''
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length]
    }
  }
  return out
}

/** A new development key pair: `IMGP` + 16 upper-case/digit characters, and a 40-character secret. */
export function generateCredential(): Credential {
  return {
    accessKeyId: `IMGP${randomString(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
    accessKeySecret: randomString(40),
  }
}

export function parseCredentialsFile(text: string, path: string): Credential[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`)
  }
  const list = (data as { credentials?: unknown })?.credentials
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${path} must hold {"credentials": [{"accessKeyId", "accessKeySecret"}, ...]}`)
  return list.map((entry, i) => {
    const { accessKeyId, accessKeySecret } = (entry ?? {}) as Record<string, unknown>
    if (typeof accessKeyId !== 'string' || typeof accessKeySecret !== 'string') {
      throw new Error(`${path}: credentials[${i}] needs string accessKeyId and accessKeySecret`)
    }
    const credential = { accessKeyId: accessKeyId.trim(), accessKeySecret: accessKeySecret.trim() }
    assertUsableCredential(credential)
    return credential
  })
}

/** Writes `text` to `path` atomically: a private temporary file beside it, fsync, rename. */
async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temporary = `${path}.${randomUUID()}.tmp`
  const handle = await open(temporary, 'wx', 0o600)
  try {
    await handle.writeFile(text, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

export async function loadCredentialsFile(
  path: string,
  options: { generateIfMissing?: boolean } = {},
): Promise<CredentialsFileResult> {
  let text: string | null = null
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  if (text !== null) {
    const credentials = parseCredentialsFile(text, path)
    return { store: createMemoryCredentialStore(credentials), credentials }
  }
  if (options.generateIfMissing === false) throw new Error(`credentials file ${path} does not exist`)
  const generated = generateCredential()
  await writeAtomically(path, `${JSON.stringify({ credentials: [generated] }, null, 2)}\n`)
  return { store: createMemoryCredentialStore([generated]), credentials: [generated], generated }
}

/** The lines the server prints on first start (the only time the secret is shown). */
export function describeGeneratedCredential(credential: Credential, path: string): string {
  return [
    'imgproc: no credentials configured; generated a development key pair:',
    `  AccessKeyId:     ${credential.accessKeyId}`,
    `  AccessKeySecret: ${credential.accessKeySecret}`,
    `  saved to ${path} (mode 0600); set IMGPROC_ACCESS_KEY_ID/IMGPROC_ACCESS_KEY_SECRET or edit the file to change it.`,
  ].join('\n')
}
