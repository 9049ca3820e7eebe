/**
 * Node (and Bun) entry: codec WASM and the bundled fonts read from disk, fonts from a folder,
 * the system's fonts as the last fallback.
 * `import { createNodeEngine } from '@imgproc/engine/node'`
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { initNode } from '@imgproc/codecs/node'
import { useNodeFontAssets } from '@imgproc/fonts/node'
import { createNodeFontProvider } from '@imgproc/ops/node'
import { createEngine, type Engine, type EngineOptions } from '../engine.js'
import type { FontInput, FontSource } from '../text-fonts.js'

/** The file types a font folder may hold, in the order looked for. */
export const FONT_FILE_TYPES = ['ttf', 'otf', 'ttc', 'otc', 'woff'] as const

/**
 * Fonts as `<dir>/<oss-font-name>.<type>` (`wqy-zenhei.ttc`, `fangzhengkaiti.ttf`, `latin-sans.otf`;
 * a collection's first face is used); a missing file is null. Read once per name.
 */
export function fontsFromDirectory(dir: string): FontSource {
  const cache = new Map<string, Promise<Uint8Array | null>>()
  const load = async (name: string) => {
    for (const ext of FONT_FILE_TYPES) {
      try {
        return new Uint8Array(await readFile(join(dir, `${name}.${ext}`)))
      } catch {
        // try the next extension
      }
    }
    return null
  }
  return (name) => {
    if (!/^[a-z-]+$/.test(name)) return null
    let font = cache.get(name)
    if (!font) cache.set(name, (font = load(name)))
    return font
  }
}

export interface NodeEngineOptions extends EngineOptions {
  /** a folder of fonts named by OSS font name (fontsFromDirectory), tried before the bundled fonts; ignored when `fonts` is given */
  fontDir?: string
  /**
   * the system's fonts, tried last for characters no other font has; default @imgproc/ops' provider
   * over the usual font folders (WenQuanYi, Droid Sans Fallback, DejaVu Sans when installed);
   * false: none. Ignored when `fallbackFonts` is given
   */
  systemFonts?: FontInput | false
}

/**
 * Creates the engine with Node's fonts, in the order characters look for a glyph: `fonts` (else
 * the `fontDir` folder), the bundled fonts (@imgproc/fonts, read from disk), the system's fonts.
 * The codecs read their .wasm files from disk in Node anyway (the codecs package's "node"
 * export); `initNode()` and `useNodeFontAssets()` stay so a bundle that resolved the browser
 * entries but runs in Node still reads them from disk.
 */
export async function createNodeEngine(options: NodeEngineOptions = {}): Promise<Engine> {
  await initNode()
  useNodeFontAssets()
  const { fontDir, systemFonts, ...rest } = options
  const fonts = rest.fonts ?? (fontDir ? fontsFromDirectory(fontDir) : undefined)
  const fallbackFonts = rest.fallbackFonts ?? (systemFonts === false ? undefined : (systemFonts ?? createNodeFontProvider()))
  return createEngine({ ...rest, ...(fonts ? { fonts } : {}), ...(fallbackFonts ? { fallbackFonts } : {}) })
}
