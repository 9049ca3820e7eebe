/**
 * Node (and Bun) entry: codec WASM read from disk, fonts from a directory.
 * `import { createNodeEngine } from '@imgproc/engine/node'`
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { initNode } from '@imgproc/codecs/node'
import { createNodeFontProvider } from '@imgproc/ops/node'
import { createEngine, type Engine, type EngineOptions } from '../engine.js'
import type { FontSource } from '../actions/watermark.js'

/** Fonts as `<dir>/<oss-font-name>.{ttf,otf,ttc}` (e.g. wqy-zenhei.ttc); a missing file is null. */
export function fontsFromDirectory(dir: string): FontSource {
  const cache = new Map<string, Promise<Uint8Array | null>>()
  const load = async (name: string) => {
    for (const ext of ['ttf', 'otf', 'ttc']) {
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

/**
 * Initialises the codecs from their .wasm files, then creates the engine. Fonts: `fonts`, else
 * `fontDir`, else @imgproc/ops' system font provider (Droid Sans Fallback for the seven OSS names,
 * DejaVu Sans as the Latin fallback, when installed).
 */
export async function createNodeEngine(options: EngineOptions & { fontDir?: string } = {}): Promise<Engine> {
  await initNode()
  const { fontDir, ...rest } = options
  return createEngine({ ...rest, fonts: rest.fonts ?? (fontDir ? fontsFromDirectory(fontDir) : createNodeFontProvider()) })
}
