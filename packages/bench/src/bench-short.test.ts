import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encode } from '@imgproc/codecs'
import { initNode } from '@imgproc/codecs/node'
import { runBenchCli } from './bench-command.js'
import { ALL_CONTENDERS } from './contenders/index.js'
import type { BenchReport } from './result.js'
import { TASK_GROUPS } from './tasks.js'

// The benchmark suite in its short mode (one quality), widened to every contender and every task,
// on a small generated photo-like image, so the tool never rots: each peer must load in its own
// process, run every task it offers, and produce outputs our decoders can score.
describe('imgproc bench --short', () => {
  let dir: string
  let report: BenchReport
  let html: string

  beforeAll(async () => {
    await initNode()
    dir = await mkdtemp(join(tmpdir(), 'bench-short-'))
    const width = 240, height = 160
    const data = new Uint8ClampedArray(width * height * 4)
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4
        data[i] = (x * 255) / width
        data[i + 1] = (y * 255) / height
        data[i + 2] = 128 + 100 * Math.sin(x / 7) * Math.cos(y / 5)
        data[i + 3] = 255
      }
    await writeFile(join(dir, 'generated.jpg'), await encode({ width, height, data }, 'jpeg', { quality: 90 }))
    const out: string[] = []
    const code = await runBenchCli(
      [join(dir, 'generated.jpg'), '--short', '--iterations', '1', '--warmup', '0',
        '--contenders', ALL_CONTENDERS.join(','), '--tasks', TASK_GROUPS.join(','),
        '--json', join(dir, 'report.json'), '--html', join(dir, 'report.html')],
      { stdout: { write: (t: string) => out.push(t) }, stderr: { write: () => true } },
    )
    expect(code).toBe(0)
    report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'))
    html = await readFile(join(dir, 'report.html'), 'utf8')
  }, 240_000)

  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('runs every contender that is installed here', () => {
    expect(report.runs.map((r) => r.contender)).toEqual(ALL_CONTENDERS)
    for (const run of report.runs) {
      expect(run.unavailable, `${run.contender}: ${run.unavailable}`).toBeUndefined()
      expect(run.peakRssMiB).toBeGreaterThan(10)
    }
  })

  it('gives imgproc every task, each scored against the source', () => {
    const imgproc = report.runs.find((r) => r.contender === 'imgproc')!
    expect(imgproc.skipped).toEqual([])
    expect(imgproc.records.find((r) => r.task === 'encode:png')!.psnr).toBeNull()
    const tasks = imgproc.records.map((r) => r.task)
    expect(tasks).toEqual(expect.arrayContaining(['decode', 'encode:jpeg@75', 'encode:webp@75', 'encode:avif@75', 'encode:png', 'thumbnail-jpeg-720', 'thumbnail-png-320', 'convert-webp', 'convert-avif']))
    for (const r of imgproc.records.filter((r) => r.bytes !== undefined)) {
      expect(r.ssim, r.task).toBeGreaterThan(0.8)
      // JSON has no Infinity: identical pixels (a lossless PNG of the source, or of the very
      // resample our reference makes) are written as null
      if (r.codec === 'png') expect(r.psnr === null || (r.psnr ?? 0) > 25, r.task).toBe(true)
      else expect(r.psnr, r.task).toBeGreaterThan(25)
    }
    const thumb = imgproc.records.find((r) => r.task === 'thumbnail-jpeg-720')!
    expect([thumb.width, thumb.height]).toEqual([720, 480])
  })

  it('writes an HTML report with a time facet per task and a quality facet per codec ladder or pipeline', () => {
    const tasks = new Set(report.runs.flatMap((run) => run.records.map((r) => r.task)))
    expect(html.match(/<figure class="facet"/g)!.length).toBe(tasks.size + 8)
    expect(html).toContain('data-facet="convert-avif"')
  })
})
