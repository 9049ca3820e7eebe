// Issue 12, "legal-size bombs": a 62-byte GIF declaring a 15000x15000 screen and a 218 KB
// 15000x15000 PNG are under every pixel limit, yet each cost ~2 GB and 10 s, six at once took the
// server to 3.6 GB and kept it there, and a thumbnail sent meanwhile waited 21 s. Measured on a
// real server process: the memory budget refuses what can never fit before decoding, the GIF costs
// what its frames cost, workers that grew are replaced, and normal work keeps flowing.
import { initNode } from '@imgproc/codecs/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDemoImage } from '../demo.js'
import { gifScreenBomb, pngBomb } from './node-bombs.fixture.js'
import { canMeasureRss, startChildServerWith, type ChildServer } from './node-child-server.fixture.js'

const MiB = 1024 * 1024
const BUCKET = 'bombs'

describe.skipIf(!canMeasureRss())('six concurrent legal-size bombs against a server process (Linux /proc RSS)', () => {
  let server: ChildServer | undefined
  beforeAll(async () => {
    await initNode()
    const objects = {
      'screen.gif': { bytes: gifScreenBomb(), contentType: 'image/gif' },
      'zeros.png': { bytes: pngBomb(), contentType: 'image/png' },
      'photo.jpg': { bytes: await makeDemoImage({ width: 1600, height: 1200 }), contentType: 'image/jpeg' },
    }
    server = await startChildServerWith(BUCKET, objects, { IMGPROC_WORKERS: '2', IMGPROC_MEMORY_BUDGET_MB: '1024' })
  }, 120_000)
  afterAll(() => server?.stop())

  it('answers a normal thumbnail within 5 s, stays under 1.5 GiB, and returns to its baseline', async () => {
    const get = (key: string, process = 'image/resize,w_100') => fetch(`${server!.url}/${BUCKET}/${key}?x-oss-process=${process}`)
    expect((await get('photo.jpg')).status).toBe(200) // warm: workers have compiled their codecs
    const baseline = server!.rss()
    let peak = baseline
    const sampler = setInterval(() => (peak = Math.max(peak, server!.rss())), 20)
    try {
      const bombs = ['zeros.png', 'screen.gif', 'zeros.png', 'screen.gif', 'zeros.png', 'screen.gif'].map(async (key) => {
        const response = await get(key)
        return { key, status: response.status, body: await response.text() }
      })
      await new Promise((r) => setTimeout(r, 100))
      const started = performance.now()
      const normal = await get('photo.jpg')
      const elapsed = performance.now() - started
      expect(normal.status).toBe(200)
      expect(elapsed).toBeLessThan(5000)
      for (const bomb of await Promise.all(bombs)) {
        if (bomb.key === 'zeros.png') {
          // 225 Mpx x 4 bytes, decoded and copied: more than the whole 1 GiB budget, refused unread
          expect(bomb.status, bomb.body).toBe(400)
          expect(bomb.body).toContain('<Code>ImageTooLarge</Code>')
        } else {
          // the screen is not trusted past 2048 a side (libvips/libnsgif): the 1x1 frame is the image
          expect(bomb.status, bomb.body).toBe(200)
        }
      }
    } finally {
      clearInterval(sampler)
    }
    expect(peak).toBeLessThan(1.5 * 1024 * MiB)
    await new Promise((r) => setTimeout(r, 10_000))
    expect(server!.rss() - baseline).toBeLessThan(300 * MiB)
  }, 60_000)
})
