import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { stat } from 'node:fs/promises'
import { ImgError } from '@imgproc/types'
import { listImages } from '../batch/list-images.js'
import { readFontOption, type FontTable } from '../fonts.js'
import { Progress } from '../batch/progress.js'
import { formatSummary, runBatch } from '../batch/run-batch.js'
import { expectPositionals, fail, parseCommandArgs, readDialect, type Command } from '../command.js'
import { EXIT } from '../exit-codes.js'
import { removePendingTemps, type Io } from '../io.js'
import { openPool } from '../pool-processor.js'
import { resolveProcessString } from '../process-string.js'

const usage = `Usage: imgproc batch <dir> <process-string|style> -o <dir> [options]

Runs one process string on every image under <dir> (recursively; hidden files skipped) and
writes each result under the output folder at the same relative path, with the extension of
the format written (.webp after format,webp; .json for info and average-hue).

  <dir>                     input folder
  <process-string|style>    image/..., style/<name>, or a bare style name (with --styles)
  -o, --out <dir>           output folder (created); may be inside <dir>: it is skipped
  -j, --concurrency <n>     images in flight and worker threads (default: cores, ${availableParallelism()} here)
  --dialect <d>             oss (default) or obs
  --styles <file>           JSON object of style name -> process string
  --font <file>             a TrueType/OpenType font for text watermarks (used for every type_)
  --font-dir <dir>          fonts named by OSS font name (wqy-zenhei.ttc, ...); with neither,
                            the fonts bundled with imgproc draw the text
  -h, --help                this text

A progress bar with rate and ETA goes to stderr (milestone lines when stderr is not a
terminal), then a summary and each failed file with its reason. Outputs are written atomically:
a failed or interrupted file never leaves a partial output. Exit 1 when any file failed.

Example:
  imgproc batch photos/ image/resize,w_800/format,webp -o web/`

export const batchCommand: Command = {
  name: 'batch',
  summary: 'run a process string or style on every image in a folder (parallel, progress, summary)',
  usage,
  async run(argv: string[], io: Io): Promise<number> {
    let inDir: string, outDir: string, processString: string, dialect: 'oss' | 'obs', concurrency: number
    let fonts: FontTable | undefined
    let fontDir: string | undefined
    try {
      const { values, positionals } = parseCommandArgs(argv, {
        out: { type: 'string', short: 'o' },
        concurrency: { type: 'string', short: 'j' },
        dialect: { type: 'string' },
        styles: { type: 'string' },
        font: { type: 'string' },
        'font-dir': { type: 'string' },
      })
      if (values.help) {
        io.stdout.write(`${usage}\n`)
        return EXIT.ok
      }
      expectPositionals(positionals, ['dir', 'process-string|style'], 'batch')
      if (typeof values.out !== 'string') throw new ImgError('MissingArgument', 'imgproc batch needs -o <dir>; see imgproc batch --help')
      dialect = readDialect(values.dialect)
      inDir = resolve(positionals[0]!)
      outDir = resolve(values.out)
      concurrency = values.concurrency === undefined ? availableParallelism() : Number(values.concurrency)
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new ImgError('InvalidArgument', `--concurrency must be an integer 1-64, not ${String(values.concurrency)}`)
      if (!(await stat(inDir).catch(() => null))?.isDirectory()) throw new ImgError('NoSuchKey', `No such folder: ${positionals[0]}`)
      processString = await resolveProcessString(positionals[1]!, dialect, values.styles as string | undefined, true)
      fonts = await readFontOption(values.font as string | undefined)
      fontDir = values['font-dir'] as string | undefined
    } catch (error) {
      return fail(io, error, 'usage')
    }
    const controller = new AbortController()
    const onSignal = () => controller.abort()
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
    const pool = openPool(concurrency, fonts, fontDir)
    try {
      const { images, skipped } = await listImages(inDir, outDir)
      io.stderr.write(`${images.length} images in ${inDir} -> ${outDir} (${concurrency} at a time)\n`)
      const progress = new Progress(images.length, io.stderr)
      const summary = await runBatch({ inDir, outDir, images, processString, dialect, processor: pool, concurrency, progress, signal: controller.signal })
      progress.finish()
      if (controller.signal.aborted) await removePendingTemps()
      io.stderr.write(`${formatSummary(summary, skipped)}\n`)
      if (controller.signal.aborted) return EXIT.interrupted
      return summary.failed.length ? EXIT.failed : EXIT.ok
    } catch (error) {
      return fail(io, error, 'run')
    } finally {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      await pool.close()
    }
  },
}
