// Property: for ANY object key and process string, a URL or header signed by the real clients
// verifies, and changing one character of the process makes it fail. The keys mix spaces, `+`,
// `%`, reserved and non-ASCII characters, where encoding mistakes would show.
import { createRequire } from 'node:module'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createAuthenticator } from './authenticator.js'
import { createMemoryCredentialStore } from './credentials.js'
import type { AuthTarget } from './types.js'

interface OssClient {
  signatureUrl(name: string, options: { process?: string; expires?: number }): string
  signatureUrlV4(method: string, expires: number, request: { headers: object; queries: object }, name: string): Promise<string>
}
interface SignUtils {
  authorizationV4(ak: string, sk: string, region: string, method: string, request: { headers: object; queries: object }, bucket: string, object: string): string
}
interface ObsClientInstance {
  createSignedUrlSync(params: Record<string, unknown>): { SignedUrl: string }
}
const require = createRequire(import.meta.url)
const OSS = require('ali-oss') as new (options: Record<string, unknown>) => OssClient
const signUtils = require('ali-oss/lib/common/signUtils') as SignUtils
const ObsClient = require('esdk-obs-nodejs') as new (options: Record<string, unknown>) => ObsClientInstance

const BUCKET = 'bkt'
const authenticate = createAuthenticator({ credentials: createMemoryCredentialStore({ ak: 'sk' }) })

/** Path style or `<bucket>.` virtual host, keys percent-decoded; what the router does. */
function resolveTarget(url: URL): AuthTarget {
  const path = decodeURIComponent(url.pathname)
  if (url.hostname.startsWith(`${BUCKET}.`)) return { bucket: BUCKET, key: path.slice(1) || undefined }
  const [bucket, ...rest] = path.slice(1).split('/')
  return { bucket, key: rest.join('/') || undefined }
}

const keyChar = fc.constantFrom('a', 'Z', '0', ' ', '+', '%', '&', '=', '!', '(', '~', "'", '*', ',', ';', 'ü', '中', '😀', '-', '_', '/')
// No leading slash or `?` (the clients strip or refuse them) and no `.`/`..`/empty segments
// (URL parsing normalises those, so the request would name another object).
const objectKey = fc
  .string({ unit: keyChar, minLength: 1, maxLength: 24 })
  .filter((key) => !key.startsWith('/') && key.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..'))
const processText = fc.string({ unit: fc.constantFrom('i', 'm', 'g', 'e', '/', ',', '_', '1', '|', '+', ' ', '=', '&', '%', 'é'), minLength: 1, maxLength: 30 })

async function rejects(url: URL): Promise<boolean> {
  return authenticate(new Request(url), resolveTarget(url)).then(
    () => false,
    () => true,
  )
}

/** The same URL with one more character in a query parameter (re-serialised by URLSearchParams). */
function tampered(url: URL, name: string): URL {
  const copy = new URL(url)
  copy.searchParams.set(name, `${copy.searchParams.get(name)}x`)
  return copy
}

describe('real-client signatures verify for arbitrary keys and process strings', () => {
  it('ali-oss signatureUrl (V1)', async () => {
    const oss = new OSS({ accessKeyId: 'ak', accessKeySecret: 'sk', bucket: BUCKET, endpoint: 'http://localhost:9000' })
    await fc.assert(
      fc.asyncProperty(objectKey, processText, async (key, process) => {
        const url = new URL(oss.signatureUrl(key, { process, expires: 600 }))
        expect(await authenticate(new Request(url), resolveTarget(url))).toMatchObject({ scheme: 'oss-v1-query' })
        expect(await rejects(tampered(url, 'x-oss-process'))).toBe(true)
      }),
      { numRuns: 60 },
    )
  })

  it('ali-oss signatureUrlV4', async () => {
    const oss = new OSS({ accessKeyId: 'ak', accessKeySecret: 'sk', bucket: BUCKET, endpoint: 'http://localhost:9000', sldEnable: true })
    await fc.assert(
      fc.asyncProperty(objectKey, processText, async (key, process) => {
        const url = new URL(await oss.signatureUrlV4('GET', 600, { headers: {}, queries: { 'x-oss-process': process } }, key))
        expect(await authenticate(new Request(url), resolveTarget(url))).toMatchObject({ scheme: 'oss-v4-query' })
        expect(await rejects(tampered(url, 'x-oss-process'))).toBe(true)
      }),
      { numRuns: 60 },
    )
  })

  it('ali-oss V4 Authorization header (signUtils.authorizationV4)', async () => {
    await fc.assert(
      fc.asyncProperty(objectKey, processText, async (key, process) => {
        const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
        const headers = { 'x-oss-date': date, 'x-oss-content-sha256': 'UNSIGNED-PAYLOAD', 'content-type': 'image/png' }
        const authorization = signUtils.authorizationV4('ak', 'sk', 'cn-hangzhou', 'GET', { headers, queries: { 'x-oss-process': process } }, BUCKET, key)
        const path = key.split('/').map(encodeURIComponent).join('/')
        const url = new URL(`http://localhost/${BUCKET}/${path}?${new URLSearchParams({ 'x-oss-process': process })}`)
        const request = new Request(url, { headers: { ...headers, authorization } })
        expect(await authenticate(request, resolveTarget(url))).toMatchObject({ scheme: 'oss-v4-header' })
        const other = tampered(url, 'x-oss-process')
        await expect(authenticate(new Request(other, { headers: { ...headers, authorization } }), resolveTarget(other))).rejects.toMatchObject({
          code: 'SignatureDoesNotMatch',
        })
      }),
      { numRuns: 60 },
    )
  })

  it('esdk-obs-nodejs createSignedUrlSync (AWS path style and OBS virtual host)', async () => {
    const aws = new ObsClient({ access_key_id: 'ak', secret_access_key: 'sk', server: 'http://127.0.0.1:9000' })
    const obs = new ObsClient({ access_key_id: 'ak', secret_access_key: 'sk', server: 'http://localhost:9000' })
    await new Promise((resolve) => setImmediate(resolve))
    await fc.assert(
      fc.asyncProperty(objectKey, processText, fc.boolean(), async (key, process, useObs) => {
        const client = useObs ? obs : aws
        const { SignedUrl } = client.createSignedUrlSync({ Method: 'GET', Bucket: BUCKET, Key: key, Expires: 600, QueryParams: { 'x-image-process': process } })
        const url = new URL(SignedUrl)
        expect(await authenticate(new Request(url), resolveTarget(url))).toMatchObject({ scheme: useObs ? 'obs-v2-query' : 'aws-v2-query' })
        expect(await rejects(tampered(url, 'x-image-process'))).toBe(true)
      }),
      { numRuns: 60 },
    )
  })
})
