import type { Summary } from './stats.js'

/** One measured cell: a contender doing one task on one image. */
export interface BenchRecord {
  contender: string
  image: string
  /** task id, e.g. `decode`, `encode:webp@75`, `thumbnail-jpeg-720` */
  task: string
  /** output format for encoding tasks */
  codec?: string
  quality?: number
  /** milliseconds per run */
  time: Summary
  /** encoded output size in bytes (encoding tasks) */
  bytes?: number
  /** output size in pixels */
  width: number
  height: number
  /** bytes * 8 / pixels */
  bitsPerPixel?: number
  /** decoded output against the reference (dB; Infinity when identical, written as null in JSON) */
  psnr?: number
  ssim?: number
}

/** What one contender's process reports. */
export interface ContenderRun {
  contender: string
  /** the library and version as it describes itself */
  description?: string
  /** set when the contender could not run (not installed, failed to load) */
  unavailable?: string
  records: BenchRecord[]
  /** tasks it does not offer or that failed, with why */
  skipped: { image: string; task: string; reason: string }[]
  /** peak resident set size of its process, in MiB */
  peakRssMiB: number
}

export interface BenchReport {
  startedAt: string
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string }
  command: string
  iterations: number
  warmup: number
  images: { name: string; width: number; height: number; bytes: number }[]
  runs: ContenderRun[]
}

export function bitsPerPixel(bytes: number, width: number, height: number): number {
  return (bytes * 8) / (width * height)
}
