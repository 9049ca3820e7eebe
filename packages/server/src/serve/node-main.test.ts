// `pnpm start` end to end: a fresh data directory, the generated development key, the demo
// bucket, and the printed URLs actually answering (plain, processed, styled).
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { imageSize } from '../e2e/harness.js'
import { main } from './node-main.js'
import type { RunningServer } from './node.js'

describe('main (pnpm start)', () => {
  let server: RunningServer | undefined
  let dir = ''
  afterAll(async () => {
    await server?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('starts with a demo bucket, prints working URLs and the generated key', async () => {
    dir = await mkdtemp(join(tmpdir(), 'imgproc-start-'))
    const lines: string[] = []
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')))
    try {
      server = await main({ IMGPROC_PORT: '0', IMGPROC_HOST: '127.0.0.1', IMGPROC_DATA_DIR: join(dir, 'data'), IMGPROC_CREDENTIALS_FILE: join(dir, 'credentials.json'), IMGPROC_WORKERS: '1' })
    } finally {
      log.mockRestore()
    }
    const text = lines.join('\n')
    const saved = JSON.parse(await readFile(join(dir, 'credentials.json'), 'utf8')) as { credentials: Array<{ accessKeyId: string; accessKeySecret: string }> }
    expect(text).toContain(`AccessKeyId:     ${saved.credentials[0]!.accessKeyId}`)
    expect(text).toContain(`AccessKeySecret: ${saved.credentials[0]!.accessKeySecret}`)
    const urls = [...text.matchAll(/(plain|processed|styled):\s+(\S+)/g)].map((m) => [m[1], m[2]!.replace('localhost', '127.0.0.1')] as const)
    expect(urls.map(([name]) => name)).toEqual(['plain', 'processed', 'styled'])
    for (const [name, url] of urls) {
      const res = await fetch(url)
      expect(res.status, `${name} ${url}`).toBe(200)
      const body = new Uint8Array(await res.arrayBuffer())
      if (name === 'plain') expect(imageSize(body)).toEqual({ width: 800, height: 533 })
      if (name === 'processed') expect(imageSize(body)).toEqual({ width: 200, height: 300 })
      if (name === 'styled') expect(res.headers.get('content-type')).toBe('image/webp')
    }
  })
})
