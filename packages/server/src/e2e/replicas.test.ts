// Past one machine (issue 14): two server processes (`pnpm start`, IMGPROC_STORAGE=s3) over one
// S3 store, driven by ali-oss and esdk-obs-nodejs. What one replica writes (styles, saveas
// outputs, object and bucket ACLs, overwritten sources) the other must serve: from the store,
// never from something only the first replica knows. And the style limit holds while both
// replicas take PutStyle requests at once. README "Running several replicas" states the bounds.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createS3Storage } from '@imgproc/storage'
import { emptyAndDelete, imageSize } from './harness.js'
import { obsClient, OSS, streamBytes } from './official-clients.fixture.js'
import { makeDemoImage } from '../demo.js'
import { initNodeRuntime } from '../serve/node-runtime.js'
import { startChildServer, type ChildServer } from '../security/node-child-server.fixture.js'
import { DEFAULT_BUCKET_CACHE_MS } from '../bucket-cache.js'

/**
 * How long a replica may keep serving bucket settings (the bucket ACL) after another replica
 * changed them: README "Running several replicas": the replica-local bucket-settings cache's TTL
 * (bucket-cache.ts; the replicas here run with serve()'s default). Object ACLs, objects and styles
 * are read from the store on every request, so changes to them are checked at once.
 */
const BUCKET_SETTINGS_STALENESS_MS = DEFAULT_BUCKET_CACHE_MS
const AK = 'replica-ak'
const SK = 'replica-secret'
const env = process.env
const configured = Boolean(env.S3_ENDPOINT && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY)
const runId = Math.random().toString(36).slice(2, 8)

/** Runs `check` until it passes; the failure of an attempt started `boundMs` or more after the call stands. */
async function seenWithin<T>(boundMs: number, check: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + boundMs
  for (;;) {
    const started = Date.now()
    try {
      return await check()
    } catch (error) {
      if (started >= deadline) throw error
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

const styleBody = (content: string) => Buffer.from(`<Style><Content>${content}</Content></Style>`)

if (!configured) {
  console.warn('[server e2e] replicas over one S3 store SKIPPED: set S3_ENDPOINT, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (CI starts a Ceph gateway: eval "$(bash ../shared/tools/s3-server)")')
  describe.skip('two replicas over one S3 store (no S3 server configured)', () => {
    it('needs S3_ENDPOINT, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY', () => {})
  })
} else {
  describe('two server replicas over one S3 store', () => {
    const bucket = `replicas-${runId}`
    const limitBucket = `replicas-limit-${runId}`
    const store = createS3Storage({
      endpoint: env.S3_ENDPOINT!, region: env.S3_REGION ?? 'us-east-1', forcePathStyle: env.S3_FORCE_PATH_STYLE !== 'false',
      accessKeyId: env.S3_ACCESS_KEY_ID!, secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    })
    let tmp: string
    let replicas: ChildServer[] = []
    let wide: Buffer // 320 x 200
    let flat: Buffer // 400 x 100
    const oss = (replica: number, target = bucket) => new OSS({ accessKeyId: AK, accessKeySecret: SK, bucket: target, endpoint: replicas[replica]!.url })
    const anonymous = (replica: number, key: string, process?: string) =>
      fetch(`${replicas[replica]!.url}/${bucket}/${encodeURIComponent(key)}${process ? `?x-oss-process=${process}` : ''}`)
    /** anonymous processed GET on `replica`: the status, and the output's size when 200 */
    async function anonymousProcessed(replica: number, key: string, process: string): Promise<{ status: number; width?: number; height?: number }> {
      const res = await anonymous(replica, key, process)
      const bytes = new Uint8Array(await res.arrayBuffer())
      return res.status === 200 ? { status: 200, ...imageSize(bytes) } : { status: res.status }
    }

    beforeAll(async () => {
      tmp = await mkdtemp(join(tmpdir(), 'imgproc-replicas-'))
      const replicaEnv = (n: number) => ({
        IMGPROC_STORAGE: 's3',
        IMGPROC_ACCESS_KEY_ID: AK,
        IMGPROC_ACCESS_KEY_SECRET: SK,
        IMGPROC_CREDENTIALS_FILE: join(tmp, `credentials-${n}.json`),
        IMGPROC_DATA_DIR: join(tmp, `unused-${n}`),
        IMGPROC_DEMO: '0',
        IMGPROC_PLAYGROUND: '0',
        IMGPROC_WORKERS: '1',
      })
      replicas = await Promise.all([startChildServer(replicaEnv(1)), startChildServer(replicaEnv(2))])
      await initNodeRuntime()
      wide = Buffer.from(await makeDemoImage({ width: 320, height: 200 }))
      flat = Buffer.from(await makeDemoImage({ width: 400, height: 100 }))
      expect((await oss(0).putBucket(bucket)).res.status).toBe(200)
      expect((await oss(0).put('photo.jpg', wide)).res.status).toBe(200)
    }, 120_000)

    afterAll(async () => {
      await Promise.all(replicas.map((r) => r.stop()))
      for (const name of [bucket, limitBucket]) await emptyAndDelete(store, name)
      await rm(tmp, { recursive: true, force: true })
    })

    it('a style put through one replica is used by the other; changed and deleted likewise', async () => {
      await oss(0).request({ method: 'PUT', bucket, subres: { style: '', styleName: 'thumb' }, content: styleBody('image/resize,w_50/format,png'), successStatuses: [200] })
      const got = await oss(1).request({ method: 'GET', bucket, subres: { style: '', styleName: 'thumb' }, successStatuses: [200] })
      expect(got.data.toString()).toContain('<Content>image/resize,w_50/format,png</Content>')
      // replica 1 serves (and may cache) the styled result before replica 2 changes the style
      for (let i = 0; i < 2; i++) expect(imageSize(new Uint8Array((await oss(0).get('photo.jpg', { process: 'style/thumb' })).content!))).toMatchObject({ width: 50 })
      expect(imageSize(new Uint8Array((await oss(1).get('photo.jpg', { process: 'style/thumb' })).content!))).toMatchObject({ width: 50 })
      await oss(1).request({ method: 'PUT', bucket, subres: { style: '', styleName: 'thumb' }, content: styleBody('image/resize,w_70/format,png'), successStatuses: [200] })
      expect(imageSize(new Uint8Array((await oss(0).get('photo.jpg', { process: 'style/thumb' })).content!))).toMatchObject({ width: 70 })
      await oss(1).request({ method: 'DELETE', bucket, subres: { style: '', styleName: 'thumb' }, successStatuses: [204] })
      await expect(oss(0).get('photo.jpg', { process: 'style/thumb' })).rejects.toMatchObject({ status: 404, code: 'NoSuchStyle' })
      await expect(oss(0).request({ method: 'GET', bucket, subres: { style: '', styleName: 'thumb' }, successStatuses: [200] })).rejects.toMatchObject({ status: 404 })
    })

    it('a saveas through one replica is readable from the other (esdk-obs-nodejs)', async () => {
      const saved = await oss(0).processObjectSave('photo.jpg', 'out/saved.png', 'image/resize,w_40/format,png')
      expect(saved.status).toBe(200)
      const obs = await obsClient({ access_key_id: AK, secret_access_key: SK, server: replicas[1]!.url })
      const got = await obs.getObject({ Bucket: bucket, Key: 'out/saved.png', SaveAsStream: true })
      expect(got.CommonMsg.Status).toBe(200)
      expect(imageSize(await streamBytes(got.InterfaceResult!.Content!))).toEqual({ width: 40, height: 25 })
    })

    it('an object ACL change on one replica is enforced on the other at once, processed variants included', async () => {
      await oss(0).put('acl.jpg', wide)
      expect((await anonymous(1, 'acl.jpg')).status).toBe(403)
      await oss(0).putACL('acl.jpg', 'public-read')
      expect((await anonymous(1, 'acl.jpg')).status).toBe(200)
      // replica 1 serves the variant anonymously (and may cache it), then replica 2 makes it private
      for (let i = 0; i < 2; i++) expect(await anonymousProcessed(0, 'acl.jpg', 'image/resize,w_30')).toMatchObject({ status: 200, width: 30 })
      await oss(1).putACL('acl.jpg', 'private')
      expect((await anonymous(0, 'acl.jpg')).status).toBe(403)
      expect(await anonymousProcessed(0, 'acl.jpg', 'image/resize,w_30')).toEqual({ status: 403 })
      expect((await oss(0).get('acl.jpg', { process: 'image/resize,w_30' })).res.status).toBe(200) // the owner still may
    })

    it('a bucket ACL change on one replica is enforced on the other within the documented bound', async () => {
      await oss(0).put('inherits.jpg', wide) // object ACL `default`: the bucket's decides
      expect((await anonymous(1, 'inherits.jpg')).status).toBe(403)
      await oss(0).putBucketACL(bucket, 'public-read')
      await seenWithin(BUCKET_SETTINGS_STALENESS_MS, async () => expect((await anonymous(1, 'inherits.jpg')).status).toBe(200))
      await seenWithin(BUCKET_SETTINGS_STALENESS_MS, async () =>
        expect(await anonymousProcessed(0, 'inherits.jpg', 'image/resize,w_20')).toMatchObject({ status: 200, width: 20 }))
      await oss(1).putBucketACL(bucket, 'private')
      await seenWithin(BUCKET_SETTINGS_STALENESS_MS, async () => expect((await anonymous(0, 'inherits.jpg')).status).toBe(403))
      await seenWithin(BUCKET_SETTINGS_STALENESS_MS, async () => expect(await anonymousProcessed(0, 'inherits.jpg', 'image/resize,w_20')).toEqual({ status: 403 }))
    })

    it("a source overwritten through one replica is processed anew by the other (no stale cached variant)", async () => {
      await oss(0).put('cache.jpg', wide)
      const before = await oss(0).get('cache.jpg', { process: 'image/resize,w_100' })
      expect(imageSize(new Uint8Array(before.content!))).toEqual({ width: 100, height: 63 })
      expect(imageSize(new Uint8Array((await oss(0).get('cache.jpg', { process: 'image/resize,w_100' })).content!))).toEqual({ width: 100, height: 63 })
      await oss(1).put('cache.jpg', flat)
      const after = await oss(0).get('cache.jpg', { process: 'image/resize,w_100' })
      expect(imageSize(new Uint8Array(after.content!))).toEqual({ width: 100, height: 25 })
      expect(after.res.headers.etag).not.toBe(before.res.headers.etag) // the source's new ETag
    })

    it('keeps the 100-style limit while both replicas take PutStyle at once: refused ones get TooManyStyles, no accepted one is lost', async () => {
      const putStyle = (replica: number, name: string, content: string) =>
        oss(replica, limitBucket).request({ method: 'PUT', bucket: limitBucket, subres: { style: '', styleName: name }, content: styleBody(content), successStatuses: [200] })
      await store.createBucket(limitBucket)
      for (let i = 0; i < 98; i++) await store.putStyle(limitBucket, { name: `pre${i}`, content: 'image/resize,w_1' })
      // both replicas warm (connections to the store open, routes loaded), so neither lags behind
      for (const replica of [0, 1]) await oss(replica, limitBucket).request({ method: 'GET', bucket: limitBucket, subres: { style: '' }, successStatuses: [200] })
      // several rounds from 98 styles, each a fresh race: 2 x 10 new names at once, 2 places left
      for (let round = 0; round < 4; round++) {
        const names = Array.from({ length: 20 }, (_, i) => `r${round}-${i}`)
        const outcomes = await Promise.allSettled(names.map((name, i) => putStyle(i % 2, name, `image/resize,w_${i + 10}`)))
        const accepted = names.filter((_, i) => outcomes[i]!.status === 'fulfilled')
        expect(accepted).toHaveLength(2)
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ status: 400, code: 'TooManyStyles' })
        }
        const stored = await store.listStyles(limitBucket)
        expect(stored).toHaveLength(100)
        for (const name of accepted) {
          // read back through the replica that did not take it
          const got = await oss(1 - (names.indexOf(name) % 2), limitBucket).request({ method: 'GET', bucket: limitBucket, subres: { style: '', styleName: name }, successStatuses: [200] })
          expect(got.data.toString()).toContain(`<Content>image/resize,w_${names.indexOf(name) + 10}</Content>`)
        }
        for (const name of accepted) await store.deleteStyle(limitBucket, name)
      }
      // at the limit an overwrite is still accepted and a new name refused, on either replica
      await putStyle(0, 'late0', 'image/rotate,90')
      await putStyle(1, 'late1', 'image/rotate,90')
      await putStyle(1, 'pre0', 'image/rotate,90')
      await expect(putStyle(0, 'late2', 'image/rotate,90')).rejects.toMatchObject({ status: 400, code: 'TooManyStyles' })
    }, 60_000)
  })
}
