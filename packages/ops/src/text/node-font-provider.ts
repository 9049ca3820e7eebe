import { access, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FontProvider } from './font-provider.js'

/**
 * The system's font files per name, first existing wins. (The engine uses these only after the
 * fonts that travel with it, @imgproc/fonts, for characters those lack.) The seven names OSS
 * offers map to open fonts (the FangZheng faces are commercial): WenQuanYi's own collections when
 * installed (Debian `fonts-wqy-zenhei`, `fonts-wqy-microhei`; a collection's first face is read),
 * then Noto Sans CJK, then Droid Sans Fallback (Debian `fonts-droid-fallback`). Droid Sans
 * Fallback draws no Latin letters, so 'latin-sans' (DejaVu Sans, Debian `fonts-dejavu-core`) is
 * served for use as `TextStyle.fallbacks`.
 */
const DROID = [
  'truetype/droid/DroidSansFallbackFull.ttf',
  'truetype/droid/DroidSansFallback.ttf',
  'opentype/noto/NotoSansCJK-Regular.ttc',
]
const ZENHEI = ['truetype/wqy/wqy-zenhei.ttc', ...DROID]
const MICROHEI = ['truetype/wqy/wqy-microhei.ttc', ...ZENHEI]
export const DEFAULT_FONT_FILES: Readonly<Record<string, readonly string[]>> = {
  'wqy-zenhei': ZENHEI,
  'wqy-microhei': MICROHEI,
  fangzhengshusong: DROID,
  fangzhengkaiti: DROID,
  fangzhengheiti: DROID,
  fangzhengfangsong: DROID,
  droidsansfallback: DROID,
  /** Latin fallback: Droid Sans Fallback has CJK but no Latin letters (pass it as `fallbacks`) */
  'latin-sans': ['truetype/dejavu/DejaVuSans.ttf', 'truetype/liberation/LiberationSans-Regular.ttf'],
}

/** The name under which createNodeFontProvider serves a Latin font to use as a fallback. */
export const LATIN_FALLBACK_FONT = 'latin-sans'

export interface NodeFontProviderOptions {
  /** folders searched for the relative paths; default the usual Linux font roots */
  roots?: readonly string[]
  /** name -> candidate paths (relative to a root, or absolute); merged over DEFAULT_FONT_FILES */
  files?: Readonly<Record<string, readonly string[]>>
}

/** A FontProvider reading font files from disk (Node, Bun, Deno with node: compat). */
export function createNodeFontProvider(options: NodeFontProviderOptions = {}): FontProvider {
  const roots = options.roots ?? ['/usr/share/fonts', '/usr/local/share/fonts', '/usr/share/fonts-droid-fallback']
  const files = { ...DEFAULT_FONT_FILES, ...options.files }
  const cache = new Map<string, Promise<Uint8Array | null>>()
  const find = async (name: string): Promise<Uint8Array | null> => {
    const candidates = files[name]
    if (!candidates) return null
    for (const candidate of candidates) {
      const paths = candidate.startsWith('/') ? [candidate] : roots.map((root) => join(root, candidate))
      for (const path of paths) {
        try {
          await access(path)
          return new Uint8Array(await readFile(path))
        } catch {
          // not here: try the next place
        }
      }
    }
    return null
  }
  return {
    load(name) {
      let pending = cache.get(name)
      if (!pending) cache.set(name, (pending = find(name)))
      return pending
    },
  }
}
