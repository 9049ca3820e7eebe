import type { Task } from './tasks.js'

/** What the runner hands a contender's process (as a JSON file named on its command line). */
export interface WorkerConfig {
  contender: string
  images: { name: string; path: string; rgbaPath: string; width: number; height: number }[]
  tasks: Task[]
  iterations: number
  warmup: number
  /**
   * A warm-up run at least this long (ms) counts as a timed run: its compile and tier-up cost is
   * a small fraction of it, and running a 10 s AVIF encode twice would buy nothing. Unset: every
   * warm-up run is discarded.
   */
  slowRunMs?: number
  /** where outputs and the result file go */
  outputDir: string
}

export interface WorkerRecord {
  image: string
  task: string
  /** milliseconds of each timed run */
  times: number[]
  /** encoded output of the last run (encoding tasks), relative to outputDir */
  outputFile?: string
  /** decode tasks: the decoded size */
  width?: number
  height?: number
}

export interface WorkerResult {
  contender: string
  description?: string
  unavailable?: string
  records: WorkerRecord[]
  skipped: { image: string; task: string; reason: string }[]
  peakRssMiB: number
}

/** One line on the worker's stdout per finished cell, so the runner can draw progress. */
export interface WorkerTick {
  tick: string
}

export function resultPath(outputDir: string, contender: string): string {
  return `${outputDir}/${slug(contender)}.result.json`
}

export function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_')
}
