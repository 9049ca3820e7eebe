import { readFile } from 'node:fs/promises'
import { parse, type Dialect } from '@imgproc/grammar'
import { ImgError } from '@imgproc/types'

/**
 * Turns what the user typed into an `image/...` string, validated before any image is read:
 * - `image/...` is used as written (a leading `x-oss-process=` / `x-image-process=` is dropped,
 *   so a string copied from a URL works);
 * - `style/<name>` or, for batch, a bare `<name>`, is looked up in the `--styles` JSON file
 *   (`{ "name": "image/..." }`), the way the server resolves a bucket's styles.
 * A bad string throws the grammar's ImgError, whose span draws the caret.
 */
export async function resolveProcessString(input: string, dialect: Dialect, stylesFile?: string, allowBareStyle = false): Promise<string> {
  const text = input.replace(/^(x-oss-process|x-image-process)=/, '')
  const bare = allowBareStyle && !text.includes('/') && text !== '' ? text : undefined
  // the grammar reads `style/<name>` (empty segments and all, as the server does)
  const parsed = bare === undefined ? parse(text, { dialect }) : undefined
  const styleName = bare ?? (parsed?.chain.kind === 'style' ? parsed.chain.name : undefined)
  if (styleName === undefined) return text
  if (!stylesFile) throw new ImgError('NoSuchStyle', `Style ${styleName} needs --styles <file.json> (a JSON object of style name -> process string)`)
  let styles: unknown
  try {
    styles = JSON.parse(await readFile(stylesFile, 'utf8'))
  } catch (cause) {
    throw new ImgError('BadRequest', `Cannot read the styles file ${stylesFile}: ${(cause as Error).message}`, { cause })
  }
  const value = (styles as Record<string, unknown>)?.[styleName]
  if (typeof value !== 'string') throw new ImgError('NoSuchStyle', `The style ${styleName} is not in ${stylesFile}`)
  parse(value, { dialect })
  return value
}
