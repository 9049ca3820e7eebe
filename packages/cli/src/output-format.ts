/**
 * `imgproc process in.jpg image/resize,w_100 -o out.png`: the output file's extension chooses the
 * format when the process string does not (OSS keeps the source's format unless `format,` says
 * otherwise, so without this `out.png` would hold JPEG bytes). The process string's own
 * `format,<f>` always wins; when it disagrees with the extension, the caller is told so. JSON
 * answers (`info`, `average-hue`) and names without an image extension change nothing.
 */
import { extname } from 'node:path'
import { parse, type Dialect, type OutputFormat } from '@imgproc/grammar'
import { ImgError } from '@imgproc/types'

const BY_EXTENSION: Readonly<Record<string, OutputFormat>> = {
  jpg: 'jpg', jpeg: 'jpg', png: 'png', webp: 'webp', bmp: 'bmp', gif: 'gif', tif: 'tiff', tiff: 'tiff', avif: 'avif', heic: 'heic', heif: 'heic',
}

export interface OutputChoice {
  /** the process string to run */
  process: string
  /** a line for stderr when the extension and the string's format disagree */
  note?: string
}

/** The format an output name stands for (`.jpeg` -> `jpg`), or undefined for `-` and other names. */
export function formatOfOutputName(out: string): OutputFormat | undefined {
  if (out === '-') return undefined
  return BY_EXTENSION[extname(out).slice(1).toLowerCase()]
}

/** `processString` (already validated, styles resolved) with the format the output name implies. */
export function withOutputFormat(processString: string, out: string, dialect: Dialect): OutputChoice {
  const wanted = formatOfOutputName(out)
  if (!wanted) return { process: processString }
  const { chain } = parse(processString, { dialect })
  if (chain.kind !== 'image') return { process: processString }
  if (chain.actions.some((action) => action.name === 'info' || action.name === 'average-hue')) return { process: processString }
  const given = chain.actions.find((action) => action.name === 'format')
  if (given) {
    const format = (given.params as { value: OutputFormat }).value
    if (format === wanted) return { process: processString }
    return { process: processString, note: `${out} gets ${format} bytes: the process string's format,${format} decides the format, not the file name` }
  }
  const process = `${processString.replace(/\/+$/, '')}/format,${wanted}`
  try {
    parse(process, { dialect })
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new ImgError('BadRequest', `-o ${out} asks for format,${wanted}, which cannot be added here (${reason}); give format,<f> in the process string or another file name`, { cause })
  }
  return { process }
}
