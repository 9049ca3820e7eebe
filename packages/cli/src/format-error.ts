import { isImgError, toImgError } from '@imgproc/types'

/**
 * An error as the CLI prints it: one line `imgproc: <OSS code>: <message>`, then, when the error
 * points into a process string, that string with a caret under the bad part (grammar spans).
 */
export function formatError(error: unknown, prefix = 'imgproc'): string {
  const img = isImgError(error) ? error : toImgError(error, 'InternalError', error instanceof Error ? error.message : String(error))
  const line = `${prefix}: ${img.toLine()}`.replace(/\s*\n\s*/g, ' ')
  const caret = img.fragment()
  return caret ? `${line}\n${indent(caret)}` : line
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')
}
