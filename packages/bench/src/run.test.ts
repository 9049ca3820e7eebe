import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { RawImage } from '@imgproc/types'
import { runBench, type Reference } from './run.js'

// The runner is tested with a sharp-based reference so it does not wait on our codecs; the real
// default reference (our own decoders and resampler) is tested where it is defined.
const sharpReference: Reference = {
  async decode(bytes) {
    const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
    return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) }
  },
  resize(image, width, height) {
    // nearest neighbour is enough for a scoring target in this test
    const data = new Uint8ClampedArray(width * height * 4)
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const sx = Math.floor((x * image.width) / width)
        const sy = Math.floor((y * image.height) / height)
        data.set(image.data.subarray((sy * image.width + sx) * 4, (sy * image.width + sx) * 4 + 4), (y * width + x) * 4)
      }
    return { width, height, data }
  },
  psnr(a: RawImage, b: RawImage) {
    let sum = 0
    for (let i = 0; i < a.data.length; i++) sum += (a.data[i]! - b.data[i]!) ** 2
    return sum === 0 ? Infinity : 10 * Math.log10((255 * 255) / (sum / a.data.length))
  },
}

describe('runBench', () => {
  it('runs each contender in its own process and scores what it made', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-test-'))
    const path = join(dir, 'gradient.png')
    const width = 96, height = 64
    const pixels = Buffer.alloc(width * height * 3)
    for (let i = 0; i < width * height; i++) pixels.set([i % width * 2, (i / width) * 3, 128], i * 3)
    await writeFile(path, await sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer())

    const log: string[] = []
    const report = await runBench({
      images: [path],
      contenders: ['sharp', 'jimp', 'no-such-library'],
      groups: ['decode', 'encode', 'webp'],
      codecs: ['jpeg', 'webp'],
      qualities: [80],
      iterations: 2,
      warmup: 1,
      reference: sharpReference,
      command: 'test',
      progress: { write: (t) => log.push(t) },
    })

    expect(report.images).toEqual([{ name: 'gradient.png', width, height, bytes: expect.any(Number) }])
    const [sharpRun, jimpRun, missing] = report.runs
    expect(sharpRun!.records.map((r) => r.task)).toEqual(['decode', 'encode:jpeg@80', 'encode:webp@80', 'convert-webp'])
    const jpeg = sharpRun!.records.find((r) => r.task === 'encode:jpeg@80')!
    expect(jpeg.time.n).toBe(2)
    expect(jpeg.bytes).toBeGreaterThan(100)
    expect(jpeg.psnr).toBeGreaterThan(30)
    expect(jpeg.ssim).toBeGreaterThan(0.9)
    expect(sharpRun!.peakRssMiB).toBeGreaterThan(10)
    expect(jimpRun!.skipped.map((s) => [s.task, s.reason])).toEqual([
      ['encode:webp@80', 'no webp encoder'],
      ['convert-webp', 'no webp encoder'],
    ])
    expect(missing!.unavailable).toContain("unknown contender 'no-such-library'")
    // not a terminal: milestones only, never a line per task
    expect(log.map((line) => line.replace(/^\[\d+\/12 \d+s\] /, '').replace(/[\d.]+s\n$/, 'Ns'))).toEqual([
      'sharp finished gradient.png: 4 tasks in Ns',
      'sharp scored 3 outputs in Ns',
      'jimp finished gradient.png: 4 tasks in Ns',
      'jimp scored 1 outputs in Ns',
      expect.stringMatching(/^no-such-library: not run \(unknown contender 'no-such-library'\)\n$/),
    ])
  }, 120_000)
})
