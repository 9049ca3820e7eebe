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
