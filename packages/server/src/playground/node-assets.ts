/**
 * Node: builds the playground's browser bundle with esbuild (in memory, once) and reads the
 * codecs' WASM files from node_modules, as `PlaygroundAssets` for `createPlaygroundHandler`.
 *
 * esbuild is passed in or imported by name; the server package does not depend on it yet, so a
 * caller without it in reach passes its own (the runtime-matrix test does).
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { WASM_FILES, type WasmFile } from '@imgproc/codecs'
import { memoryAssets, type PlaygroundAssets } from './assets.js'

/** The part of esbuild's API used here (typed locally: esbuild is not a dependency of this package). */
export interface EsbuildLike {
  build(options: Record<string, unknown>): Promise<{ outputFiles?: { path: string; contents: Uint8Array }[] }>
}

export interface PlaygroundBuildOptions {
  esbuild?: EsbuildLike
  /** extra esbuild plugins (for example, resolving `@imgproc/*` to source) */
  plugins?: unknown[]
  minify?: boolean
}

/** The codecs the playground loads (AVIF's 3 MB encoder is left out of the page). */
export const PLAYGROUND_WASM: readonly WasmFile[] = WASM_FILES.filter((name) => !name.startsWith('avif'))

export async function buildPlaygroundAssets(options: PlaygroundBuildOptions = {}): Promise<PlaygroundAssets> {
  const specifiers = { esbuild: 'esbuild', codecsNode: '@imgproc/codecs/node' }
  const esbuild = options.esbuild ?? ((await import(specifiers.esbuild)) as EsbuildLike)
  const { nodeWasmPath } = (await import(specifiers.codecsNode)) as { nodeWasmPath(file: WasmFile): string }
  const entry = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './app/main.ts' : './app/main.js', import.meta.url))
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile: 'app.js',
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: options.minify ?? true,
    logLevel: 'error',
    plugins: options.plugins ?? [],
  })
  const app = result.outputFiles?.find((file) => file.path.endsWith('app.js'))
  if (!app) throw new Error('esbuild produced no app.js for the playground')
  const files: Record<string, Uint8Array> = { 'app.js': app.contents }
  for (const name of PLAYGROUND_WASM) files[name] = new Uint8Array(await readFile(nodeWasmPath(name)))
  return memoryAssets(files)
}
