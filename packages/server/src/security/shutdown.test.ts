// Issue 12: a server was still alive 8 minutes after SIGTERM while bombs were queued. SIGTERM now
// answers the queued jobs 503 at once, gives running ones the grace period, then aborts them:
// the process is gone within the bound (IMGPROC_SHUTDOWN_MS, 10 s by default; 3 s here).
import { initNode } from '@imgproc/codecs/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDemoImage } from '../demo.js'
import { startChildServerWith, type ChildServer } from './node-child-server.fixture.js'

const GRACE_MS = 3000

describe.skipIf(process.platform === 'win32')('SIGTERM with slow image work running and queued', () => {
  let server: ChildServer | undefined
  beforeAll(async () => {
    await initNode()
    const big = await makeDemoImage({ width: 3000, height: 2000 })
    server = await startChildServerWith('slow', { 'big.jpg': { bytes: big, contentType: 'image/jpeg' } }, { IMGPROC_WORKERS: '1', IMGPROC_SHUTDOWN_MS: String(GRACE_MS) })
  }, 120_000)
  afterAll(() => server?.stop())

  it('exits within the bound, queued jobs answered 503 at once', async () => {
    // a heavy blur, each a different variant: one runs, the rest wait for the one worker
    const requests = Array.from({ length: 8 }, (_, i) => {
      const started = performance.now()
      return fetch(`${server!.url}/slow/big.jpg?x-oss-process=image/blur,r_50,s_${40 + i}/resize,w_${2000 + i}`)
        .then(async (response) => ({ status: response.status, body: await response.text(), ms: performance.now() - started }))
        .catch((error: unknown) => ({ status: 0, body: String(error), ms: performance.now() - started }))
    })
    await new Promise((r) => setTimeout(r, 500))
    const signalled = performance.now()
    server!.child.kill('SIGTERM')
    const code = await server!.exited
    const took = performance.now() - signalled
    expect(code).toBe(0)
    expect(took).toBeLessThan(GRACE_MS + 1500)
    const answers = await Promise.all(requests)
    // every request got an answer (none cut off without a reply)
    for (const answer of answers) expect(answer.status, answer.body).not.toBe(0)
    const shed = answers.filter((a) => a.status === 503)
    // every waiting job was told to come back, none was left to drain
    expect(shed.length).toBeGreaterThanOrEqual(6)
    for (const answer of shed) expect(answer.body).toContain('<Code>SlowDown</Code>')
  }, 60_000)
})
