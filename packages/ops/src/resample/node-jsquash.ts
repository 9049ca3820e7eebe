import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { createJsquashResampler, type JsquashResamplerOptions } from './jsquash-resampler.js'
import type { Resampler } from './resampler.js'

/**
 * The @jsquash/resize adapter for Node: the glue's own `fetch(new URL(...))` cannot read file:
 * URLs there, so the WASM bytes are read from the installed package (resolved from this file).
 * Options still override both the WASM and the glue.
 */
export function createNodeJsquashResampler(options: JsquashResamplerOptions = {}): Resampler {
  const wasm = async (): Promise<Uint8Array> => {
    const require = createRequire(import.meta.url)
    const root = dirname(require.resolve('@jsquash/resize/package.json'))
    return new Uint8Array(await readFile(join(root, 'lib/resize/pkg/squoosh_resize_bg.wasm')))
  }
  return createJsquashResampler({ wasm, ...options })
}
