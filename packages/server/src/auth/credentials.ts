/**
 * Where secrets come from. A `CredentialStore` maps an access key id to its secret; the
 * authenticator asks it once per signed request. Three stores run everywhere:
 *
 * - `createMemoryCredentialStore(pairs)`: a fixed set (tests, embedders).
 * - `createEnvCredentialStore(env)`: one pair from `IMGPROC_ACCESS_KEY_ID` and
 *   `IMGPROC_ACCESS_KEY_SECRET` in the given record (`process.env` on Node, `Deno.env.toObject()`,
 *   a Worker's `env` bindings); the record is passed in so this file stays runtime-agnostic.
 * - `chainCredentialStores(...stores)`: the first store that knows the key wins.
 *
 * The Node-only file-backed store (JSON file, generated development key) is in
 * `node-credentials-file.ts`.
 */

export interface CredentialStore {
  /** The secret of `accessKeyId`, or null when the key is unknown. */
  lookup(accessKeyId: string): Promise<string | null>
}

export interface Credential {
  accessKeyId: string
  accessKeySecret: string
}

/** Environment variable names read by `createEnvCredentialStore`. */
export const ENV_ACCESS_KEY_ID = 'IMGPROC_ACCESS_KEY_ID'
export const ENV_ACCESS_KEY_SECRET = 'IMGPROC_ACCESS_KEY_SECRET'

/** Ids and secrets are trimmed, as both official clients trim them before signing. */
function normalise(credential: Credential): Credential {
  return { accessKeyId: credential.accessKeyId.trim(), accessKeySecret: credential.accessKeySecret.trim() }
}

/** Rejects ids that cannot travel in `OSS <id>:<sig>` or a query string unescaped. */
export function assertUsableCredential(credential: Credential): void {
  if (!/^[A-Za-z0-9._~-]{1,128}$/.test(credential.accessKeyId)) {
    throw new TypeError(`access key id must be 1-128 characters of A-Z a-z 0-9 . _ ~ -, got ${JSON.stringify(credential.accessKeyId)}`)
  }
  if (credential.accessKeySecret.length === 0) throw new TypeError(`access key ${credential.accessKeyId} has an empty secret`)
}

export function createMemoryCredentialStore(
  pairs: Iterable<Credential> | Readonly<Record<string, string>>,
): CredentialStore {
  const list: Credential[] =
    Symbol.iterator in pairs
      ? [...(pairs as Iterable<Credential>)]
      : Object.entries(pairs).map(([accessKeyId, accessKeySecret]) => ({ accessKeyId, accessKeySecret }))
  const secrets = new Map<string, string>()
  for (const raw of list) {
    const credential = normalise(raw)
    assertUsableCredential(credential)
    secrets.set(credential.accessKeyId, credential.accessKeySecret)
  }
  return {
    async lookup(accessKeyId) {
      return secrets.get(accessKeyId) ?? null
    },
  }
}

/**
 * The pair in `IMGPROC_ACCESS_KEY_ID` / `IMGPROC_ACCESS_KEY_SECRET`, or null when neither is set.
 * Setting only one of the two is a configuration mistake and throws.
 */
export function createEnvCredentialStore(env: Readonly<Record<string, string | undefined>>): CredentialStore | null {
  const accessKeyId = env[ENV_ACCESS_KEY_ID]?.trim() ?? ''
  const accessKeySecret = env[ENV_ACCESS_KEY_SECRET]?.trim() ?? ''
  if (accessKeyId === '' && accessKeySecret === '') return null
  if (accessKeyId === '' || accessKeySecret === '') {
    throw new TypeError(`set both ${ENV_ACCESS_KEY_ID} and ${ENV_ACCESS_KEY_SECRET}, or neither`)
  }
  return createMemoryCredentialStore([{ accessKeyId, accessKeySecret }])
}

export function chainCredentialStores(...stores: ReadonlyArray<CredentialStore | null | undefined>): CredentialStore {
  const present = stores.filter((store): store is CredentialStore => store != null)
  return {
    async lookup(accessKeyId) {
      for (const store of present) {
        const secret = await store.lookup(accessKeyId)
        if (secret !== null) return secret
      }
      return null
    },
  }
}
