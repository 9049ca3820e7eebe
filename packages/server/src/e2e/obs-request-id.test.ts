// esdk-obs-nodejs 3.26.8 reads the request id from `<prefix>request-id`, the prefix being that of
// the scheme it signed with: `x-amz-` for AWS V2 (path style / IP endpoint, where it signs `AWS`
// even when told `obs`) and `x-obs-` for the OBS signature. Driven over loopback against the real
// handler, this checks the client's own results expose the id on success, HEAD, 304 and errors.
import { Agent } from 'node:http'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryStorage } from '@imgproc/storage'
import { createAuthenticator, createMemoryCredentialStore } from '../auth/index.js'
import type { ImageProcessor } from '../processor.js'
import { serve, type RunningServer } from '../serve/node.js'

interface ObsResult {
  CommonMsg: { Status: number; Code?: string; RequestId?: string }
  InterfaceResult?: { RequestId?: string; ETag?: string; Metadata?: Record<string, string>; Content?: { resume?: () => void } | string }
}
type ObsCall = (params: Record<string, unknown>) => Promise<ObsResult>
interface ObsClientInstance {
  putObject: ObsCall
  getObject: ObsCall
  getObjectMetadata: ObsCall
}
const require = createRequire(import.meta.url)
const ObsClient = require('esdk-obs-nodejs') as new (options: Record<string, unknown>) => ObsClientInstance

const ID = /^[0-9A-F]{24}$/
const BUCKET = 'ids'
const toLocalhost = new Agent({ lookup: (_host, options, callback) => (options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4)) })
// no pixels needed: the point is the reply headers of a processed GET
const engine: ImageProcessor = { process: async () => ({ body: new Uint8Array([1, 2, 3]), contentType: 'image/png' }) }

let server: RunningServer

beforeAll(async () => {
  const storage = createMemoryStorage()
  await storage.createBucket(BUCKET)
  server = await serve({ storage, port: 0, engine, auth: createAuthenticator({ credentials: createMemoryCredentialStore({ ak: 'sk' }) }) })
})

afterAll(async () => {
  await server?.close()
})

const families = [
  // an IPv4 endpoint forces path style, and path style forces AWS V2 (utils.js, Utils.init)
  { name: "AWS V2 (signature 'v2', path style)", options: () => ({ server: `http://127.0.0.1:${server.port}`, signature: 'v2', path_style: true }) },
  // a host name with negotiation off keeps the OBS signature (virtual host)
  { name: "OBS (signature 'obs', virtual host)", options: () => ({ server: `http://localhost:${server.port}`, signature: 'obs', is_signature_negotiation: false, http_agent: toLocalhost }) },
]

describe.each(families)('esdk-obs-nodejs, $name: the request id reaches the client', ({ options }) => {
  async function client(secret = 'sk'): Promise<ObsClientInstance> {
    const obs = new ObsClient({ access_key_id: 'ak', secret_access_key: secret, ...options() })
    await new Promise((resolve) => setImmediate(resolve)) // the constructor finishes one tick later
    return obs
  }
  const drained = (result: ObsResult) => {
    const content = result.InterfaceResult?.Content
    if (typeof content === 'object') content.resume?.()
    return result
  }

  it('putObject, getObject (plain and processed) and headObject expose InterfaceResult.RequestId', async () => {
    const obs = await client()
    const put = await obs.putObject({ Bucket: BUCKET, Key: 'a.txt', Body: 'hello', Metadata: { color: 'blue' } })
    expect(put.CommonMsg.Status).toBe(200)
    expect(put.InterfaceResult?.RequestId).toMatch(ID)
    const got = await obs.getObject({ Bucket: BUCKET, Key: 'a.txt' })
    expect([got.CommonMsg.Status, got.InterfaceResult?.Content]).toEqual([200, 'hello'])
    expect(got.InterfaceResult?.RequestId).toMatch(ID)
    const processed = drained(await obs.getObject({ Bucket: BUCKET, Key: 'a.txt', ImageProcess: 'image/resize,w_10/', SaveAsStream: true }))
    expect(processed.CommonMsg.Status).toBe(200)
    expect(processed.InterfaceResult?.RequestId).toMatch(ID)
    const head = await obs.getObjectMetadata({ Bucket: BUCKET, Key: 'a.txt' })
    expect(head.CommonMsg.Status).toBe(200)
    expect(head.InterfaceResult?.RequestId).toMatch(ID)
    // the same prefix carries user metadata back (`x-amz-meta-*` / `x-obs-meta-*`)
    expect(head.InterfaceResult?.Metadata).toEqual({ color: 'blue' })
    expect(new Set([put, got, processed, head].map((r) => r.InterfaceResult?.RequestId)).size).toBe(4)
  })

  it('errors (with and without a body) and a 304 expose CommonMsg.RequestId', async () => {
    const obs = await client()
    const missing = await obs.getObject({ Bucket: BUCKET, Key: 'missing.txt' })
    expect([missing.CommonMsg.Status, missing.CommonMsg.Code]).toEqual([404, 'NoSuchKey'])
    expect(missing.CommonMsg.RequestId).toMatch(ID)
    // HEAD has no body: the id and the code come from the headers alone
    const headMissing = await obs.getObjectMetadata({ Bucket: BUCKET, Key: 'missing.txt' })
    expect([headMissing.CommonMsg.Status, headMissing.CommonMsg.Code]).toEqual([404, 'NoSuchKey'])
    expect(headMissing.CommonMsg.RequestId).toMatch(ID)
    const { InterfaceResult } = await obs.putObject({ Bucket: BUCKET, Key: 'b.txt', Body: 'hello' })
    // the ETag as the client returned it, quotes and all: esdk sends them percent-encoded (%22)
    const notModified = await obs.getObject({ Bucket: BUCKET, Key: 'b.txt', IfNoneMatch: InterfaceResult?.ETag })
    expect(notModified.CommonMsg.Status).toBe(304)
    expect(notModified.CommonMsg.RequestId).toMatch(ID)
    const wrong = await (await client('wrong')).getObjectMetadata({ Bucket: BUCKET, Key: 'b.txt' })
    expect([wrong.CommonMsg.Status, wrong.CommonMsg.Code]).toEqual([403, 'SignatureDoesNotMatch'])
    expect(wrong.CommonMsg.RequestId).toMatch(ID)
  })
})
