/**
 * The bundled fonts, chosen by the code points of a text: a watermark in English reads one 17 KB
 * file, one in Chinese the few slices its characters fall in (Noto Sans SC is cut into ~100
 * files by Google's frequency slicing), never the whole 3 MB.
 */
import { readAsset } from './assets.js'
import { CATALOG } from './catalog.js'
import type { FaceEntry, FamilyEntry } from './catalog-types.js'
import { decodeCodePoints, rangesHave, type Ranges } from './code-points.js'

/**
 * The family that draws each OSS font name (spec 2.14). OSS's seven fonts are WenQuanYi Zen Hei
 * and Micro Hei, four commercial FangZheng faces and Droid Sans Fallback: all sans-serif (Hei)
 * or Song/Kai/FangSong CJK faces. One open family covers them all here: Noto Sans SC.
 */
export const OSS_FONT_FAMILIES: Readonly<Record<string, string>> = {
  'wqy-zenhei': 'Noto Sans SC',
  'wqy-microhei': 'Noto Sans SC',
  fangzhengshusong: 'Noto Sans SC',
  fangzhengkaiti: 'Noto Sans SC',
  fangzhengheiti: 'Noto Sans SC',
  fangzhengfangsong: 'Noto Sans SC',
  droidsansfallback: 'Noto Sans SC',
}

/** The family used for names not in the table (and as the first choice for every character). */
export const DEFAULT_FAMILY = 'Noto Sans SC'

interface Face extends FaceEntry {
  family: string
  ranges: Ranges
}

let families: Array<{ entry: FamilyEntry; faces: Face[] }> | undefined

function catalog(): Array<{ entry: FamilyEntry; faces: Face[] }> {
  families ??= CATALOG.map((entry) => ({
    entry,
    faces: entry.faces.map((face) => ({ ...face, family: entry.family, ranges: decodeCodePoints(face.codePoints) })),
  }))
  return families
}

/** The families in the order characters look for a glyph: the named one's first, then the script families. */
function familyOrder(name: string | undefined): Array<{ entry: FamilyEntry; faces: Face[] }> {
  const first = (name && OSS_FONT_FAMILIES[name]) || DEFAULT_FAMILY
  const all = catalog()
  return [...all.filter((f) => f.entry.family === first), ...all.filter((f) => f.entry.family !== first)]
}

/** The bundled file that draws `codePoint` for font `name`, if any. */
export function bundledFaceFor(codePoint: number, name?: string): FaceEntry | undefined {
  for (const { faces } of familyOrder(name)) for (const face of faces) if (rangesHave(face.ranges, codePoint)) return face
  return undefined
}

/**
 * The files (in the order to try them) that together draw the characters of `text` for OSS font
 * `name`: each character's first holder in family order, the named family first. Characters no
 * bundled font has are left out (the caller's fallbacks, or the .notdef box, draw them); when
 * none has any, the named family's first file, so the text still draws (as .notdef boxes).
 */
export function bundledFilesFor(text: string, name?: string): FaceEntry[] {
  const order = familyOrder(name)
  const needed = new Set<FaceEntry>()
  for (const char of new Set(text)) {
    const codePoint = char.codePointAt(0)!
    search: for (const { faces } of order) {
      for (const face of faces) {
        if (rangesHave(face.ranges, codePoint)) {
          needed.add(face)
          break search
        }
      }
    }
  }
  // family order, then each family's file order: the same text always gets the same primary font
  const files = order.flatMap(({ faces }) => faces.filter((face) => needed.has(face)))
  return files.length > 0 ? files : [order[0]!.faces[0]!]
}

/** The bytes (WOFF) of the files `bundledFilesFor` names, read once each (assets.ts). */
export async function bundledFontsFor(text: string, name?: string): Promise<Uint8Array[]> {
  return Promise.all(bundledFilesFor(text, name).map((face) => readAsset(face.file)))
}

/** Every bundled family with its files (for documentation, health checks and tests). */
export function bundledFamilies(): readonly FamilyEntry[] {
  return CATALOG
}
