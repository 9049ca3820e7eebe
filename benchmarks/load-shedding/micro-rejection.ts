/**
 * The rejection path measured in-process: createHandler with memory storage, an engine that never
 * finishes, limits { concurrency: 1, maxQueued: 1 }, filled; then N rejections.
 */

/** µs per request of each path, and of the pieces of the rejection path timed alone */
export interface Micro {
  n: number
  usPerRejection: number
  usPerRejectionWithBody: number
  usPerBadParam: number
  usPerHealth: number
  allRetryAfter: boolean
  /** pieces of the rejection path timed alone (same machine, same moment) */
  parts: Array<[string, number]>
}

/** Fills a one-slot queue in-process, then times `n` rejections (and, for comparison, a 400 and the health page). */
export async function microRejection(photo: Uint8Array, n: number): Promise<Micro> {
  const { createHandler } = await import('@imgproc/server')
  const { createMemoryStorage } = await import('@imgproc/storage')
  const storage = createMemoryStorage()
  await storage.createBucket('bench', { acl: 'public-read' })
  await storage.put('bench', 'photo.jpg', photo, { contentType: 'image/jpeg' })
  const pending: Array<() => void> = []
  const engine = {
    process: () => new Promise<{ body: Uint8Array; contentType: string }>((resolve) => pending.push(() => resolve({ body: new Uint8Array(1), contentType: 'image/jpeg' }))),
  }
  const handler = createHandler({ storage, engine, limits: { concurrency: 1, maxQueued: 1 }, onError: () => {} })
  const url = 'http://127.0.0.1:8080/bench/photo.jpg?x-oss-process=image/resize,w_700/quality,q_80'
  // fill: one running (never finishes until released), one waiting
  const running = handler(new Request(url))
  const waiting = handler(new Request(url))
  for (let i = 0; i < 1000 && !(handler.queue.active === 1 && handler.queue.depth === 1); i++) await new Promise((r) => setImmediate(r))
  if (handler.queue.active !== 1 || handler.queue.depth !== 1) throw new Error(`queue not filled: ${handler.queue.active} running, ${handler.queue.depth} waiting`)

  let allRetryAfter = true
  const time = async (make: () => Request, readBody: boolean, expect: number): Promise<number> => {
    for (let i = 0; i < 1000; i++) await handler(make()) // warm-up (JIT)
    const begin = performance.now()
    for (let i = 0; i < n; i++) {
      const response = await handler(make())
      if (response.status !== expect) throw new Error(`expected ${expect}, got ${response.status}`)
      if (expect === 503 && !response.headers.get('retry-after')) allRetryAfter = false
      if (readBody) await response.text()
    }
    return ((performance.now() - begin) * 1000) / n
  }
  const usPerRejection = await time(() => new Request(url), false, 503)
  const usPerRejectionWithBody = await time(() => new Request(url), true, 503)
  // context: a request refused even earlier (bad process string, 400) and the health page
  const usPerBadParam = await time(() => new Request('http://127.0.0.1:8080/bench/photo.jpg?x-oss-process=image/resize,w_0'), true, 400)
  const usPerHealth = await time(() => new Request('http://127.0.0.1:8080/-/health'), true, 200)
  for (const release of pending) release()
  await new Promise((r) => setImmediate(r))
  for (const release of pending) release()
  await Promise.all([running, waiting])

  // what those microseconds are made of: the steps every request takes before and after admit(), alone
  const { ImgError } = await import('@imgproc/types')
  const longLived = new AbortController()
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate: the image work queue is full.</Message><RequestId>0123456789ABCDEF01234567</RequestId><HostId>127.0.0.1</HostId></Error>`
  const alone = (run: () => unknown): number => {
    for (let i = 0; i < 1000; i++) run()
    const begin = performance.now()
    for (let i = 0; i < n; i++) run()
    return ((performance.now() - begin) * 1000) / n
  }
  const parts: Array<[string, number]> = [
    ['new Request(url) (the Node adapter builds one per request)', alone(() => new Request(url))],
    ['request.signal + AbortSignal.timeout(deadline) + AbortSignal.any([3 signals]) (app.ts, every request)', alone(() => AbortSignal.any([new Request(url).signal, AbortSignal.timeout(30_000), longLived.signal]))],
    ['crypto.getRandomValues(12 bytes) (newRequestId, every request)', alone(() => crypto.getRandomValues(new Uint8Array(12)))],
    ["new ImgError('SlowDown', …) (stack captured)", alone(() => new ImgError('SlowDown', 'Please reduce your request rate: the image work queue is full.', { retryAfterSeconds: 6 }))],
    ['new Response(xml, { status: 503, headers }) (errorResponse)', alone(() => new Response(xml, { status: 503, headers: new Headers({ 'content-type': 'application/xml', 'retry-after': '6', 'x-oss-request-id': '0123456789ABCDEF01234567' }) }))],
  ]
  parts[1]![1] -= parts[0]![1] // the Request built inside is counted in its own line
  return { n, usPerRejection, usPerRejectionWithBody, usPerBadParam, usPerHealth, allRetryAfter, parts }
}
