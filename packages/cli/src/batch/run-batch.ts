import { join } from 'node:path'
import { isImgError, toImgError } from '@imgproc/types'
import { readInput, writeFileAtomic } from '../io.js'
import type { Dialect, Processor } from '../processor.js'
import { outputPath } from './list-images.js'
import type { Progress } from './progress.js'
import { noObjects } from '@imgproc/server'

export interface BatchOptions {
  inDir: string
  outDir: string
  images: readonly string[]
  processString: string
  dialect: Dialect
  processor: Processor
  /** files in flight at once (the processor's threads do the pixel work) */
  concurrency: number
  progress?: Pick<Progress, 'tick'>
  signal?: AbortSignal
}

export interface BatchSummary {
  written: { image: string; output: string; bytes: number }[]
  failed: { image: string; code: string; message: string }[]
  /** not started because the run was interrupted */
  notStarted: number
  elapsedMs: number
}

/**
 * Processes every image with up to `concurrency` in flight. Each output is written atomically,
 * so an interrupted or failed file never leaves a partial output; one file's failure is recorded
 * with its reason and the run goes on.
 */
export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const started = performance.now()
  const summary: BatchSummary = { written: [], failed: [], notStarted: 0, elapsedMs: 0 }
  let next = 0
  const worker = async () => {
    while (next < options.images.length && !options.signal?.aborted) {
      const image = options.images[next++]!
      try {
        const source = await readInput(join(options.inDir, image), { stdin: emptyInput() })
        const output = await options.processor.process({ source, process: options.processString, dialect: options.dialect, loadObject: noObjects, signal: options.signal })
        const target = outputPath(options.outDir, image, output.contentType)
        await writeFileAtomic(target, output.body)
        summary.written.push({ image, output: target, bytes: output.body.byteLength })
        options.progress?.tick(true)
      } catch (error) {
        if (options.signal?.aborted) break
        const img = isImgError(error) ? error : toImgError(error, 'InternalError', error instanceof Error ? error.message : String(error))
        summary.failed.push({ image, code: img.code, message: img.message })
        options.progress?.tick(false)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, options.images.length)) }, worker))
  summary.notStarted = options.images.length - summary.written.length - summary.failed.length
  summary.failed.sort((a, b) => a.image.localeCompare(b.image))
  summary.elapsedMs = performance.now() - started
  return summary
}

async function* emptyInput(): AsyncIterable<Uint8Array> {}

/** The closing report: counts, time, rate, then each failed file with its reason. */
export function formatSummary(summary: BatchSummary, skippedOther: number): string {
  const seconds = summary.elapsedMs / 1000
  const done = summary.written.length + summary.failed.length
  const bytes = summary.written.reduce((n, w) => n + w.bytes, 0)
  const lines = [
    `${summary.written.length} written, ${summary.failed.length} failed` +
      (summary.notStarted ? `, ${summary.notStarted} not started (interrupted)` : '') +
      (skippedOther ? `, ${skippedOther} non-image files skipped` : '') +
      ` in ${seconds.toFixed(1)}s (${seconds > 0 ? (done / seconds).toFixed(1) : '0.0'} img/s, ${formatBytes(bytes)} out)`,
  ]
  if (summary.failed.length) {
    lines.push('Failed:')
    for (const f of summary.failed) lines.push(`  ${f.image}: ${f.code}: ${f.message}`)
  }
  return lines.join('\n')
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`
  return `${(n / 1024 / 1024).toFixed(1)} MiB`
}
