/** A small hand-made report shared by the report tests. */
import type { BenchReport } from '../result.js'

const summary = (median: number) => ({ n: 3, median, min: median, max: median, mad: 0.5, p25: median, p75: median })

export const sampleReport: BenchReport = {
  startedAt: '2026-11-21T00:00:00Z',
  machine: { cpus: 2, cpuModel: 'test cpu', memoryGiB: 24, node: 'v20', platform: 'linux' },
  command: 'imgproc bench sample.png',
  iterations: 3,
  warmup: 1,
  images: [{ name: 'sample.png', width: 64, height: 48, bytes: 1234 }],
  runs: [
    {
      contender: 'imgproc',
      peakRssMiB: 80,
      skipped: [{ image: 'sample.png', task: 'encode:avif@50', reason: 'codec not installed' }],
      records: [
        { contender: 'imgproc', image: 'sample.png', task: 'encode:webp@75', codec: 'webp', quality: 75, time: summary(10), bytes: 500, width: 64, height: 48, bitsPerPixel: 1.302, psnr: 38.5, ssim: 0.98 },
      ],
    },
    {
      contender: 'sharp',
      peakRssMiB: 60,
      skipped: [],
      records: [
        { contender: 'sharp', image: 'sample.png', task: 'encode:webp@75', codec: 'webp', quality: 75, time: summary(5), bytes: 520, width: 64, height: 48, bitsPerPixel: 1.354, psnr: 38.1, ssim: 0.97 },
      ],
    },
    { contender: 'jimp', unavailable: 'not installed', peakRssMiB: 0, skipped: [], records: [] },
  ],
}

/**
 * A report shaped like a real run on the standard photo: every contender of the registry, every
 * task (so 6 contenders x 5 output kinds), bytes from tens of kB to MBs, SSIM in 0.88-1. The
 * numbers are made up but deterministic; sharp and sharp-default write the same bytes, as they do.
 */
export function fullSampleReport(): BenchReport {
  const contenders = ['imgproc', 'sharp', 'sharp-default', 'wasm-vips', 'jsquash', 'jimp']
  const tasks: { task: string; codec?: string; quality?: number; ms: number; bytes?: number; ssim?: number; width?: number }[] = [
    { task: 'decode', ms: 60 },
    ...['jpeg', 'webp', 'avif'].flatMap((codec, c) => [50, 75, 90].map((quality) => ({
      task: `encode:${codec}@${quality}`, codec, quality, ms: [90, 400, 3000][c]! * (1 + quality / 200),
      bytes: Math.round([700_000, 450_000, 250_000][c]! * 2 ** ((quality - 50) / 15)), ssim: 0.88 + (quality - 50) / 400 + c / 100,
    }))),
    { task: 'encode:png', codec: 'png', quality: 100, ms: 900, bytes: 10_500_000, ssim: 1 },
    { task: 'thumbnail-jpeg-720', codec: 'jpeg', quality: 80, ms: 25, bytes: 68_000, ssim: 0.95, width: 720 },
    { task: 'thumbnail-png-320', codec: 'png', quality: 100, ms: 18, bytes: 36_000, ssim: 0.995, width: 320 },
    { task: 'convert-webp', codec: 'webp', quality: 80, ms: 500, bytes: 620_000, ssim: 0.93 },
    { task: 'convert-avif', codec: 'avif', quality: 50, ms: 2800, bytes: 240_000, ssim: 0.9 },
  ]
  return {
    ...sampleReport,
    command: 'imgproc bench photo.jpg',
    images: [{ name: 'photo.jpg', width: 2725, height: 2225, bytes: 1_900_000 }],
    runs: contenders.map((contender, k) => {
      // jimp offers neither WebP nor AVIF; sharp-default is sharp on every core (same bytes)
      const offered = tasks.filter((t) => contender !== 'jimp' || !/webp|avif/.test(t.task))
      const same = contender === 'sharp-default' ? 1 : k
      return {
        contender,
        peakRssMiB: 80 + 20 * k,
        skipped: tasks.filter((t) => !offered.includes(t)).map((t) => ({ image: 'photo.jpg', task: t.task, reason: `no ${t.codec} encoder` })),
        records: offered.map((t) => {
          const width = t.width ?? 2725
          const height = Math.round((width * 2225) / 2725)
          const bytes = t.bytes && Math.round(t.bytes * (1 + 0.07 * same))
          return {
            contender, image: 'photo.jpg', task: t.task, codec: t.codec, quality: t.quality,
            time: summary(t.ms * (1 + 0.6 * k) * (contender === 'sharp-default' ? 0.6 : 1)), width, height,
            ...(bytes === undefined ? {} : { bytes, bitsPerPixel: (bytes * 8) / (width * height), psnr: t.ssim === 1 ? Infinity : 30 + 20 * (t.ssim! - 0.88), ssim: Math.min(1, t.ssim! + 0.004 * same) }),
          }
        }),
      }
    }),
  }
}
