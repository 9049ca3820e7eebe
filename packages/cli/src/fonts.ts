import { readFile } from 'node:fs/promises'
import { FONTS } from '@imgproc/grammar'
import { ImgError } from '@imgproc/types'

/** Font bytes by OSS font name, as `createEngine({ fonts })` takes them (structured-cloneable). */
export type FontTable = Record<string, Uint8Array>

/**
 * `--font <file>`: one TrueType/OpenType file used for every OSS font name (`type_` picks among
 * seven Chinese fonts, four of them commercial). It is drawn first; the fonts bundled with imgproc
 * (@imgproc/fonts) draw what it lacks, and without it everything. Read once; the same table goes
 * to every worker thread.
 */
export async function readFontOption(path: string | undefined): Promise<FontTable | undefined> {
  if (path === undefined) return undefined
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await readFile(path))
  } catch (cause) {
    throw new ImgError('BadRequest', `Cannot read the font file ${path}: ${(cause as Error).message}`, { cause })
  }
  return Object.fromEntries(FONTS.map((name) => [name, bytes]))
}
