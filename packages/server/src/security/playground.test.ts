// Issue 12: the playground's processing endpoint needed no credentials, bypassed the work queue
// and read chunked bodies whole before checking their size. It now runs through the handler's
// uploadWork: the caller's rights for every object it reads, the shared queue, the body limit
// counted as the body arrives, and the deadline.
import { beforeAll, describe, expect, it } from 'vitest'
import { createPlaygroundHandler, memoryAssets } from '../playground/index.js'
import type { Mount } from '../app.js'
import { b64url, makeWorld, PRIVATE, PUBLIC, type World } from './fixtures.js'

let image: Uint8Array
const playgroundMount: Mount = async (req, { uploadWork }) =>
  createPlaygroundHandler({ ...(uploadWork ? { uploadWork } : {}), assets: memoryAssets({}), maxUploadBytes: 1024 * 1024, demoImage: async () => image })(req)

let world: World
beforeAll(async () => {
  world = await makeWorld({ mounts: [playgroundMount], limits: { maxSourceBytes: 2 * 1024 * 1024 } })
  const stored = await world.storage.get(PUBLIC, 'pub.jpg')
  if (!stored || stored.notModified) throw new Error('the fixture image is missing')
  image = new Uint8Array(await new Response(stored.body).arrayBuffer())
})

const post = (query: string, body: BodyInit, init: RequestInit & { owner?: boolean } = {}) =>
  world.call(`/-/playground/process?${query}`, { method: 'POST', body, ...init, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit)

describe('the playground processing endpoint', () => {
  it('processes an upload', async () => {
    const response = await post('x-oss-process=image/resize,w_20', image)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/jpeg')
  })

  it('refuses a watermark object the (anonymous) caller may not read, and one it names without a bucket', async () => {
    for (const [query, code] of [
      [`x-image-process=image/watermark,image_${b64url(`${PRIVATE}/secret.jpg`)}`, 'AccessDenied'],
      [`x-image-process=image/watermark,image_${b64url(`${PRIVATE}/missing.jpg`)}`, 'AccessDenied'],
      [`x-oss-process=image/watermark,image_${b64url('hidden.jpg')}`, 'NoSuchKey'],
    ] as const) {
      const response = await post(query, image)
      expect(response.status, query).toBe(code === 'AccessDenied' ? 403 : 404)
      expect(await response.json(), query).toMatchObject({ Code: code })
    }
  })

  it('lets the owner use their private watermark, and anyone a public one', async () => {
    expect((await post(`x-image-process=image/watermark,image_${b64url(`${PRIVATE}/secret.jpg`)}`, image, { owner: true })).status).toBe(200)
    expect((await post(`x-image-process=image/watermark,image_${b64url(`${PRIVATE}/shared.jpg`)}`, image)).status).toBe(200)
  })

  it('cuts a chunked body off at the limit instead of reading it whole', async () => {
    let sent = 0
    const chunk = new Uint8Array(64 * 1024)
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength
        if (sent > 64 * 1024 * 1024) controller.close()
        else controller.enqueue(chunk)
      },
    })
    const response = await post('x-oss-process=image/resize,w_20', endless)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ Code: 'EntityTooLarge' })
    expect(sent).toBeLessThan(4 * 1024 * 1024)
  })

  it('goes through the shared queue: refused with 503 + Retry-After when it is full', async () => {
    const small = await makeWorld({ mounts: [playgroundMount], limits: { concurrency: 1, maxQueued: 1 } })
    const gates: Array<() => void> = []
    const blockers = [1, 2].map(() => small.handler.queue.run(() => new Promise<void>((resolve) => gates.push(resolve))))
    await new Promise((r) => setTimeout(r, 10))
    const response = await small.call('/-/playground/process?x-oss-process=image/resize,w_20', { method: 'POST', body: image })
    expect(response.status).toBe(503)
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(await response.json()).toMatchObject({ Code: 'SlowDown' })
    for (let i = 0; i < 2; i++) {
      await new Promise((r) => setTimeout(r, 10))
      gates.shift()?.()
    }
    await Promise.all(blockers)
    const after = await small.call('/-/playground/process?x-oss-process=image/resize,w_20', { method: 'POST', body: image })
    expect(after.status).toBe(200)
  })

  it('stalled uploads hold no place in the queue: processed GETs go on', async () => {
    const small = await makeWorld({ mounts: [playgroundMount], limits: { concurrency: 1, maxQueued: 1 } })
    const controller = new AbortController()
    const stalled = Array.from({ length: 2 }, () => {
      const never = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}) }, { highWaterMark: 0 })
      return small.call('/-/playground/process?x-oss-process=image/resize,w_20', { method: 'POST', body: never, signal: controller.signal, duplex: 'half' } as RequestInit)
    })
    await new Promise((r) => setTimeout(r, 20))
    // a third upload while two are being received is turned away (the playground only)
    const third = await small.call('/-/playground/process?x-oss-process=image/resize,w_20', { method: 'POST', body: image })
    expect(third.status).toBe(503)
    for (let i = 0; i < 3; i++) expect((await small.call(`/${PUBLIC}/pub.jpg?x-oss-process=image/resize,w_${20 + i}`)).status).toBe(200)
    controller.abort()
    await Promise.allSettled(stalled)
  })

  it('the demo processed with a GET goes through the same guards: the anonymous caller still cannot read a private watermark', async () => {
    const demo = (query: string, init: RequestInit & { owner?: boolean } = {}) => world.call(`/-/playground/demo.jpg?${query}`, init)
    const ok = await demo('x-oss-process=image/resize,w_20')
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-type')).toBe('image/jpeg')
    const secret = `x-image-process=image/watermark,image_${b64url(`${PRIVATE}/secret.jpg`)}`
    const denied = await demo(secret)
    expect(denied.status).toBe(403)
    expect(await denied.json()).toMatchObject({ Code: 'AccessDenied' })
    expect((await demo(secret, { owner: true })).status).toBe(200)
  })

  it('refuses a bad process string before reading the body', async () => {
    let pulled = false
    const body = new ReadableStream<Uint8Array>({ pull(controller) { pulled = true; controller.close() } }, { highWaterMark: 0 })
    const response = await post('x-oss-process=image/resize,w_0', body)
    expect(response.status).toBe(400)
    expect(pulled).toBe(false)
  })
})
