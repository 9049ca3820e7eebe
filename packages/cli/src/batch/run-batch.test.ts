import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ImgError } from '@imgproc/types'
import { describe, expect, it } from 'vitest'
import type { Processor } from '../processor.js'
import { formatSummary, runBatch } from './run-batch.js'

// A stand-in processor (the engine is tested in its own package): upper-cases the bytes as
// "image/webp", refuses files that start with "bad", and tracks how many jobs run at once.
function fakeProcessor() {
  let running = 0
  const stats = { maxRunning: 0 }
  const processor: Processor = {
    async process(job) {
      running++
      stats.maxRunning = Math.max(stats.maxRunning, running)
      await new Promise((r) => setTimeout(r, 5))
      running--
      const text = new TextDecoder().decode(job.source)
      if (text.startsWith('bad')) throw new ImgError('BadRequest', 'The image is damaged.')
      return { body: new TextEncoder().encode(text.toUpperCase()), contentType: 'image/webp' }
    },
  }
  return { processor, stats }
}

async function folder(files: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'imgproc-batch-'))
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
  return dir
}

describe('runBatch', () => {
  it('writes every good file, lists failed ones with reasons, and respects the concurrency', async () => {
    const inDir = await folder({ 'a.png': 'aa', 'b.jpg': 'bad one', 'c.webp': 'cc', 'd.png': 'dd' })
    const outDir = join(inDir, 'out')
    const { processor, stats } = fakeProcessor()
    const ticks: boolean[] = []
    const summary = await runBatch({
      inDir, outDir, images: ['a.png', 'b.jpg', 'c.webp', 'd.png'], processString: 'image/format,webp', dialect: 'oss',
      processor, concurrency: 2, progress: { tick: (ok) => ticks.push(ok) },
    })
    expect(summary.written.map((w) => w.image).sort()).toEqual(['a.png', 'c.webp', 'd.png'])
    expect(summary.failed).toEqual([{ image: 'b.jpg', code: 'BadRequest', message: 'The image is damaged.' }])
    expect((await readdir(outDir)).sort()).toEqual(['a.webp', 'c.webp', 'd.webp'])
    expect(await readFile(join(outDir, 'a.webp'), 'utf8')).toBe('AA')
    expect(stats.maxRunning).toBe(2)
    expect(ticks.filter((ok) => !ok)).toHaveLength(1)
    expect(formatSummary(summary, 1)).toMatch(/^3 written, 1 failed, 1 non-image files skipped in [\d.]+s .*\nFailed:\n  b\.jpg: BadRequest: The image is damaged\.$/)
  })

  it('stops starting files once aborted and counts the rest as not started', async () => {
    const inDir = await folder({ 'a.png': 'a', 'b.png': 'b', 'c.png': 'c' })
    const controller = new AbortController()
    const processor: Processor = {
      async process(job) {
        controller.abort()
        return { body: job.source, contentType: 'image/png' }
      },
    }
    const summary = await runBatch({ inDir, outDir: join(inDir, 'o'), images: ['a.png', 'b.png', 'c.png'], processString: 'image/info', dialect: 'oss', processor, concurrency: 1, signal: controller.signal })
    expect(summary.written).toHaveLength(1)
    expect(summary.notStarted).toBe(2)
  })
})
