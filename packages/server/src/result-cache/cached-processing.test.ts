// The result cache through the handler (issue 14): results are served from the cache only after
// the caller's own ACL check, every change to what a result depends on makes a new one, and a
// cached reply is the uncached reply.
import { describe, expect, it } from 'vitest'
import { makeDemoImage } from '../demo.js'
import { createServerMetrics } from '../metrics/index.js'
import { b64url, errorCode, makeWorld, OPEN, PRIVATE, PUBLIC } from '../security/fixtures.js'

const THUMB = `/${PUBLIC}/pub.jpg?x-oss-process=image/resize,w_20`

/** Headers that differ between any two replies (the request ids). */
const PER_REQUEST = new Set(['x-oss-request-id', 'x-obs-request-id', 'x-amz-request-id', 'date'])
const stableHeaders = (response: Response) => [...response.headers].filter(([name]) => !PER_REQUEST.has(name))

describe('a processed result is computed once and served from the cache', () => {
  it('answers the same bytes and headers on a hit, without running the job again', async () => {
    const world = await makeWorld()
    const first = await world.call(THUMB)
    const second = await world.call(THUMB)
    expect(first.status).toBe(200)
    expect(second.status).toBe(200)
    expect(world.engineCalls.process).toBe(1)
    expect(new Uint8Array(await second.arrayBuffer())).toEqual(new Uint8Array(await first.arrayBuffer()))
    expect(stableHeaders(second)).toEqual(stableHeaders(first))
    expect(first.headers.get('etag')).toBe(`"${(await world.storage.head(PUBLIC, 'pub.jpg'))!.etag.toUpperCase()}"`)
  })

  it('shares one result between spellings of the same process (canonical form)', async () => {
    const world = await makeWorld()
    expect((await world.call(`/${PUBLIC}/pub.jpg?x-oss-process=image/resize,w_20,h_10`)).status).toBe(200)
    expect((await world.call(`/${PUBLIC}/pub.jpg?x-oss-process=image/resize,h_10,w_020,/`)).status).toBe(200)
    expect(world.engineCalls.process).toBe(1)
    expect((await world.call(`/${PUBLIC}/pub.jpg?x-oss-process=image/resize,h_10,w_21`)).status).toBe(200)
    expect(world.engineCalls.process).toBe(2)
  })

  it('keeps OSS and OBS results apart (info JSON differs by dialect) and caches info JSON too', async () => {
    const world = await makeWorld()
    const oss = await world.call(`/${PUBLIC}/pub.jpg?x-oss-process=image/info`)
    const obs = await world.call(`/${PUBLIC}/pub.jpg?x-image-process=image/info`)
    expect(world.engineCalls.process).toBe(2)
    const again = await world.call(`/${PUBLIC}/pub.jpg?x-oss-process=image/info`)
    expect(world.engineCalls.process).toBe(2)
    expect(await again.text()).toBe(await oss.text())
    expect(obs.headers.get('content-type')).toContain('json')
  })

  it('leaves HEAD as it was: HeadObject of the source (the router sends no HEAD to image work), cache or not', async () => {
    const world = await makeWorld()
    const get = await world.call(THUMB)
    const head = await world.call(THUMB, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    const source = (await world.storage.head(PUBLIC, 'pub.jpg'))!
    expect(Number(head.headers.get('content-length'))).toBe(source.size)
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'))
    expect(world.engineCalls.process).toBe(1)
    // and a HEAD of a private object's cached variant is refused like the GET
    await world.call(`/${PUBLIC}/hidden.jpg?x-oss-process=image/resize,w_8`, { owner: true })
    expect((await world.call(`/${PUBLIC}/hidden.jpg?x-oss-process=image/resize,w_8`, { method: 'HEAD' })).status).toBe(403)
  })

  it('still answers a matching If-None-Match (the source ETag) with 304 and no work', async () => {
    const world = await makeWorld()
    const first = await world.call(THUMB)
    const etag = first.headers.get('etag')!
    const conditional = await world.call(THUMB, { headers: { 'if-none-match': etag } })
    expect(conditional.status).toBe(304)
    expect(conditional.headers.get('etag')).toBe(etag)
    expect(world.engineCalls.process).toBe(1)
  })

  it('counts hits, misses, stores and bytes in the metrics', async () => {
    const metrics = createServerMetrics()
    const world = await makeWorld({ metrics })
    await world.call(THUMB)
    await world.call(THUMB)
    await world.call(THUMB)
    const text = metrics.render()
    expect(text).toContain('imgproc_result_cache_hits_total{tier="memory"} 2')
    expect(text).toContain('imgproc_result_cache_misses_total 1')
    expect(text).toContain('imgproc_result_cache_stores_total{tier="memory"} 1')
    expect(text).toContain('imgproc_result_cache_entries 1')
    expect(metrics.resultCache.bytes.get()).toBeGreaterThan(0)
  })

  it('never caches errors', async () => {
    const world = await makeWorld()
    // a crop that starts outside the 64x48 source: the engine refuses it
    const path = `/${PUBLIC}/pub.jpg?x-oss-process=image/crop,x_500,y_500,w_10,h_10`
    const first = await world.call(path)
    const second = await world.call(path)
    expect(first.status).toBeGreaterThanOrEqual(400)
    expect(second.status).toBe(first.status)
    // the engine refuses it while planning, each time: before asking for memory
    expect(world.engineCalls).toEqual({ process: 2, reserve: 0 })
  })

  it('is off with resultCache: false', async () => {
    const world = await makeWorld({ resultCache: false })
    await world.call(THUMB)
    await world.call(THUMB)
    expect(world.engineCalls.process).toBe(2)
    expect(world.handler.resultCache).toBeUndefined()
  })

  it('serves a hit while the image queue is full; a request it cannot hold is still turned away first', async () => {
    const world = await makeWorld({ limits: { concurrency: 1, maxQueued: 1 } })
    expect((await world.call(THUMB)).status).toBe(200)
    const gates: Array<() => void> = []
    const held = [1, 2].map(() => world.handler.queue.run(() => new Promise<void>((resolve) => gates.push(resolve))))
    await new Promise((r) => setTimeout(r, 10))
    expect((await world.call(THUMB)).status).toBe(200)
    const other = await world.call(`/${PUBLIC}/logo.jpg?x-oss-process=image/resize,w_8`)
    expect(other.status).toBe(503)
    expect(await errorCode(other)).toBe('SlowDown')
    // a different result of the cached object: looked up (a miss), then turned away by the queue
    expect((await world.call(`/${PUBLIC}/pub.jpg?x-oss-process=image/resize,w_21`)).status).toBe(503)
    for (let i = 0; i < 2; i++) {
      gates.shift()?.()
      await new Promise((r) => setTimeout(r, 10))
    }
    await Promise.all(held)
    expect(world.engineCalls.process).toBe(1)
  })
})

describe('the cache is asked only after the authorisation check', () => {
  it("an anonymous request for a private object's cached variant is 403", async () => {
    const world = await makeWorld()
    const path = `/${PUBLIC}/hidden.jpg?x-oss-process=image/resize,w_8`
    expect((await world.call(path, { owner: true })).status).toBe(200)
    const anonymous = await world.call(path)
    expect(anonymous.status).toBe(403)
    expect(await errorCode(anonymous)).toBe('AccessDenied')
    expect((await world.call(`/${PRIVATE}/secret.jpg?x-oss-process=image/resize,w_8`)).status).toBe(403)
    expect((await world.call(path, { owner: true })).status).toBe(200)
    expect(world.engineCalls.process).toBe(1)
  })

  it('an object made private after its result was cached is 403 for anonymous callers, still a hit for the owner', async () => {
    const world = await makeWorld()
    expect((await world.call(THUMB)).status).toBe(200)
    await world.storage.setObjectAcl(PUBLIC, 'pub.jpg', 'private')
    const anonymous = await world.call(THUMB)
    expect(anonymous.status).toBe(403)
    expect(await errorCode(anonymous)).toBe('AccessDenied')
    expect((await world.call(THUMB, { owner: true })).status).toBe(200)
    // and public again: the cached result is served again
    await world.storage.setObjectAcl(PUBLIC, 'pub.jpg', 'default')
    expect((await world.call(THUMB)).status).toBe(200)
    expect(world.engineCalls.process).toBe(1)
  })

  it('a bucket made private: 403 for anonymous callers of its cached results', async () => {
    const world = await makeWorld()
    expect((await world.call(THUMB)).status).toBe(200)
    await world.storage.setBucketAcl(PUBLIC, 'private')
    expect((await world.call(THUMB)).status).toBe(403)
  })

  it('a deleted source is 404, whatever the cache holds', async () => {
    const world = await makeWorld()
    expect((await world.call(THUMB)).status).toBe(200)
    await world.storage.delete(PUBLIC, 'pub.jpg')
    const gone = await world.call(THUMB)
    expect(gone.status).toBe(404)
    expect(await errorCode(gone)).toBe('NoSuchKey')
  })
})

describe('what a result depends on changes: a new result', () => {
  const widthOf = async (response: Response) => (JSON.parse(await response.text()) as { ImageWidth: { value: string } }).ImageWidth.value

  it('the source is overwritten', async () => {
    const world = await makeWorld()
    const info = `/${PUBLIC}/pub.jpg?x-oss-process=image/info`
    expect(await widthOf(await world.call(info))).toBe('64')
    await world.storage.put(PUBLIC, 'pub.jpg', await makeDemoImage({ width: 40, height: 30 }), { contentType: 'image/jpeg' })
    expect(await widthOf(await world.call(info))).toBe('40')
    expect(world.engineCalls.process).toBe(2)
  })

  it("the style's content is changed (its name stays)", async () => {
    const world = await makeWorld()
    const path = `/${PUBLIC}/pub.jpg?x-oss-process=style/small`
    await world.storage.putStyle(PUBLIC, { name: 'small', content: 'image/resize,w_10' })
    const ten = await world.call(path)
    await world.storage.putStyle(PUBLIC, { name: 'small', content: 'image/resize,w_12' })
    const twelve = await world.call(path)
    expect(world.engineCalls.process).toBe(2)
    expect(new Uint8Array(await twelve.arrayBuffer())).not.toEqual(new Uint8Array(await ten.arrayBuffer()))
    // the same content as a plain process string is the same result
    expect((await world.call(`/${PUBLIC}/pub.jpg?x-oss-process=image/resize,w_12`)).status).toBe(200)
    expect(world.engineCalls.process).toBe(2)
    await world.storage.deleteStyle(PUBLIC, 'small')
    const missing = await world.call(path)
    expect(missing.status).toBe(404)
    expect(await errorCode(missing)).toBe('NoSuchStyle')
  })
})

describe('persistence always runs and writes', () => {
  it('OBS x-image-save-object is never answered from the cache', async () => {
    const world = await makeWorld()
    const obs = `/${PUBLIC}/pub.jpg?x-image-process=image/resize,w_20`
    expect((await world.call(obs)).status).toBe(200)
    const saved = await world.call(`${obs}&x-image-save-object=${b64url('copy.jpg')}&x-image-save-bucket=${b64url(OPEN)}`)
    expect(saved.status).toBe(200)
    expect(world.engineCalls.process).toBe(2)
    expect(await world.storage.head(OPEN, 'copy.jpg')).not.toBeNull()
  })

  it('POST saveas runs the job and writes even when the GET result is cached', async () => {
    const world = await makeWorld()
    expect((await world.call(THUMB)).status).toBe(200)
    const body = `x-oss-process=image/resize,w_20|sys/saveas,o_${b64url('saved.jpg')},b_${b64url(OPEN)}`
    const response = await world.call(`/${PUBLIC}/pub.jpg?x-oss-process`, { method: 'POST', body })
    expect(response.status).toBe(200)
    expect(world.engineCalls.process).toBe(2)
    expect(await world.storage.head(OPEN, 'saved.jpg')).not.toBeNull()
  })
})
