/**
 * Node: builds the playground's browser bundle with esbuild (in memory, once) and reads the
 * codecs' WASM files from node_modules, as `PlaygroundAssets` for `createPlaygroundHandler`.
 *
 * esbuild is passed in or imported by name; the server package does not depend on it yet, so a
 * caller without it in reach passes its own (the runtime-matrix test does).
 */
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { NODE_ONLY_REQUIRES, WASM_FILES, type WasmFile } from '@imgproc/codecs'
import { assetType, memoryAssets, type PlaygroundAssets } from './assets.js'

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

/** Bundles the page's script and collects the WASM: file name -> bytes. */
export async function buildPlaygroundFiles(options: PlaygroundBuildOptions = {}): Promise<Record<string, Uint8Array>> {
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
    // required by the codecs' dependencies only on their Node paths, which a browser never takes
    external: [...NODE_ONLY_REQUIRES],
    logLevel: 'error',
    plugins: options.plugins ?? [],
  })
  const app = result.outputFiles?.find((file) => file.path.endsWith('app.js'))
  if (!app) throw new Error('esbuild produced no app.js for the playground')
  const files: Record<string, Uint8Array> = { 'app.js': app.contents }
  for (const name of PLAYGROUND_WASM) files[name] = new Uint8Array(await readFile(nodeWasmPath(name)))
  return files
}

export async function buildPlaygroundAssets(options: PlaygroundBuildOptions = {}): Promise<PlaygroundAssets> {
  return memoryAssets(await buildPlaygroundFiles(options))
}

/** Writes the playground's files into `dir` (a package build step: `dist/playground`). */
export async function writePlaygroundFiles(dir: string, options: PlaygroundBuildOptions = {}): Promise<string[]> {
  const files = await buildPlaygroundFiles(options)
  await mkdir(dir, { recursive: true })
  for (const [name, body] of Object.entries(files)) await writeFile(join(dir, name), body)
  return Object.keys(files)
}

/** Reads prebuilt files from `dir` (what `writePlaygroundFiles` wrote), on request. */
export function loadPlaygroundAssets(dir: string): PlaygroundAssets {
  return {
    async get(name) {
      const path = join(dir, name)
      if (!/^[\w.-]+$/.test(name) || !existsSync(path)) return null
      return { body: new Uint8Array(await readFile(path)), type: assetType(name) }
    },
  }
}

/**
 * The assets wherever this code runs from: a built package serves `dist/playground/` (written at
 * build time), a source checkout bundles `app/main.ts` with esbuild on first use.
 */
export async function playgroundAssets(options: PlaygroundBuildOptions = {}): Promise<PlaygroundAssets> {
  const built = fileURLToPath(new URL('./playground/', import.meta.url))
  if (!import.meta.url.endsWith('.ts') && existsSync(join(built, 'app.js'))) return loadPlaygroundAssets(built)
  return buildPlaygroundAssets(options)
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))
if (invokedDirectly) {
  // `tsx src/playground/node-assets.ts dist/playground`: the build step that writes the files.
  const out = process.argv[2] ?? 'dist/playground'
  writePlaygroundFiles(out).then(
    (names) => console.log(`playground: wrote ${names.join(', ')} to ${out}`),
    (error: unknown) => {
      console.error('playground: build failed:', error)
      process.exitCode = 1
    },
  )
}
