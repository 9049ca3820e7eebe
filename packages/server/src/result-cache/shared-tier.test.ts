// Two replicas on one store, each with its own memory tier, sharing results through the store's
// ResultStorage: what one computed the other serves, and invalidation needs no message between
// them (a new source version is a new key; ACLs and dependencies are checked on every request).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createS3Storage } from '@imgproc/storage'
import { createFileStorage } from '@imgproc/storage/node-fs'
import type { StorageAdapter } from '@imgproc/types'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { makeDemoImage } from '../demo.js'
import { b64url, errorCode, makeWorld, OPEN, PRIVATE, PUBLIC } from '../security/fixtures.js'

const THUMB = `/${PUBLIC}/pub.jpg?x-oss-process=image/resize,w_20`
const shared = { resultCache: { shared: true } } as const

/** Copies the security fixtures' buckets and objects into another adapter. */
async function seeded(target: StorageAdapter): Promise<StorageAdapter> {
  const source = (await makeWorld()).storage
  for (const bucket of await source.listBuckets()) {
    await target.createBucket(bucket.name, { acl: bucket.acl })
    for (const { key } of (await source.list(bucket.name)).objects) {
      const object = await source.get(bucket.name, key)
      if (!object || object.notModified) continue
      await target.put(bucket.name, key, new Uint8Array(await new Response(object.body).arrayBuffer()), { contentType: object.contentType, acl: object.acl })
    }
  }
  used.push(target)
  return target
}

const parent = await mkdtemp(join(tmpdir(), 'imgproc-shared-tier-'))
afterAll(() => rm(parent, { recursive: true, force: true }))

// an S3 store outlives the test: leave nothing in it
const used: StorageAdapter[] = []
afterEach(async () => {
  for (const storage of used.splice(0)) {
    for (const bucket of [PUBLIC, PRIVATE, OPEN]) {
      if (!(await storage.headBucket(bucket))) continue
      for (const { key } of (await storage.list(bucket)).objects) await storage.delete(bucket, key)
      await storage.deleteBucket(bucket)
    }
  }
})

const env = globalThis.process?.env ?? {}
const s3 = env.S3_ENDPOINT && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
const adapters: Array<[string, () => Promise<StorageAdapter>]> = [
  ['memory', async () => (await makeWorld()).storage],
  ['filesystem', () => seeded(createFileStorage({ root: join(parent, `fs-${Math.random().toString(36).slice(2)}`), orphanSweepIntervalMs: 0 }))],
]
if (s3) {
  adapters.push(['s3', () => seeded(createS3Storage({ endpoint: env.S3_ENDPOINT!, region: env.S3_REGION ?? 'us-east-1', accessKeyId: env.S3_ACCESS_KEY_ID!, secretAccessKey: env.S3_SECRET_ACCESS_KEY!, forcePathStyle: env.S3_FORCE_PATH_STYLE !== 'false' }))])
} else {
  console.warn('[server] shared result tier over S3 SKIPPED: S3_ENDPOINT / S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY not set')
}

describe.each(adapters)('shared result tier on %s storage', (_name, makeStorage) => {
  it('one replica serves what the other computed, byte for byte, with the same headers', async () => {
    const storage = await makeStorage()
    const a = await makeWorld({ ...shared, storage })
    const b = await makeWorld({ ...shared, storage })
    const computed = await a.call(THUMB)
    await a.handler.resultCache!.idle()
    const served = await b.call(THUMB)
    expect(served.status).toBe(200)
    expect(b.engineCalls.process).toBe(0)
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(new Uint8Array(await computed.arrayBuffer()))
    const stable = (r: Response) => [...r.headers].filter(([n]) => !n.endsWith('request-id'))
    expect(stable(served)).toEqual(stable(computed))
    expect((await storage.list(PUBLIC)).objects.map((o) => o.key).sort()).toEqual(['hidden.jpg', 'logo.jpg', 'pub.jpg'])
  })

  it('a source overwritten through one replica: the other computes the new result', async () => {
    const storage = await makeStorage()
    const a = await makeWorld({ ...shared, storage })
    const b = await makeWorld({ ...shared, storage })
    const info = `/${PUBLIC}/pub.jpg?x-oss-process=image/info`
    await a.call(info)
    await a.handler.resultCache!.idle()
    expect((await b.call(info)).status).toBe(200)
    expect(b.engineCalls.process).toBe(0)
    const put = await a.call(`/${PUBLIC}/pub.jpg`, { method: 'PUT', owner: true, body: await makeDemoImage({ width: 30, height: 20 }) })
    expect(put.status).toBe(200)
    const after = await b.call(info)
    expect(JSON.parse(await after.text()).ImageWidth.value).toBe('30')
    expect(b.engineCalls.process).toBe(1)
  })

  it("the owner's result on one replica is 403 for anonymous callers on the other (object and watermark)", async () => {
    const storage = await makeStorage()
    const a = await makeWorld({ ...shared, storage })
    const b = await makeWorld({ ...shared, storage })
    const privateSource = `/${PUBLIC}/hidden.jpg?x-oss-process=image/resize,w_8`
    const privateMark = `/${PUBLIC}/pub.jpg?x-oss-process=image/watermark,image_${b64url('hidden.jpg')}`
    for (const path of [privateSource, privateMark]) expect((await a.call(path, { owner: true })).status).toBe(200)
    await a.handler.resultCache!.idle()
    for (const path of [privateSource, privateMark]) {
      const anonymous = await b.call(path)
      expect(anonymous.status, path).toBe(403)
      expect(await errorCode(anonymous)).toBe('AccessDenied')
      expect((await b.call(path, { owner: true })).status).toBe(200)
    }
    // the anonymous watermark job is refused while the engine plans (the watermark's read), before any decode
    expect(b.engineCalls).toEqual({ process: 1, reserve: 0 })
  })
})
