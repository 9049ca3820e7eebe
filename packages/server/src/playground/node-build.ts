/**
 * Node: bundles the playground's browser script with esbuild (its `.wasm` files are the codecs'
 * own, node-codecs-wasm.ts). This runs at build time (the package's `build` script writes dist/playground-assets/,
 * see `invokedDirectly` below) and, from a source checkout only, on the first visit to the page
 * (`playgroundAssets()` in node-assets.ts). An installed package never runs it, so esbuild stays a
 * devDependency: it is imported by name here, or passed in.
 */
import { readFileSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { memoryAssets, type PlaygroundAssets } from './assets.js'
import { withCodecsWasm } from './node-codecs-wasm.js'

/** The part of esbuild's API used here (typed locally: esbuild is only a devDependency of this package). */
export interface EsbuildLike {
  build(options: Record<string, unknown>): Promise<{ outputFiles?: { path: string; contents: Uint8Array }[] }>
}

export interface PlaygroundBuildOptions {
  esbuild?: EsbuildLike
  /** extra esbuild plugins (for example, resolving `@imgproc/*` to source) */
  plugins?: unknown[]
  minify?: boolean
}

/**
 * Bundles the page's script: file name -> bytes: `app.js` (the page's own code, small, so the
 * page validates and asks the server at once) and `chunk-<hash>.js` files: the grammar shared
 * with the engine, the engine (most of the bytes), which app.js imports dynamically on the browser
 * pane's first run (the page names it in modulepreload links, so it is fetched and compiled
 * beside app.js), and the codecs' glue, which the engine imports only for the formats it meets.
 */
export async function buildPlaygroundFiles(options: PlaygroundBuildOptions = {}): Promise<Record<string, Uint8Array>> {
  const specifiers = { esbuild: 'esbuild' }
  const esbuild = options.esbuild ?? ((await import(specifiers.esbuild)) as EsbuildLike)
  const entry = fileURLToPath(new URL('./app/main.ts', import.meta.url))
  // Plain esbuild, as a user's own bundle would be built: no `external` list, browser conditions.
  const result = await esbuild.build({
    entryPoints: { app: entry },
    // write: false keeps it in memory; outdir only names the files (splitting needs one)
    outdir: 'playground-assets',
    splitting: true,
    chunkNames: 'chunk-[hash]',
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: options.minify ?? true,
    logLevel: 'error',
    // not the monorepo's tsconfig, whose `paths` point @imgproc/* at the Node sources
    tsconfigRaw: {},
    plugins: options.plugins ?? [],
  })
  const files: Record<string, Uint8Array> = {}
  for (const file of result.outputFiles ?? []) if (!file.path.endsWith('.map')) files[basename(file.path)] = file.contents
  if (!files['app.js']) throw new Error('esbuild produced no app.js for the playground')
  return files
}

/** The page's script built in memory, with the codecs' `.wasm` files beside it. */
export async function buildPlaygroundAssets(options: PlaygroundBuildOptions = {}): Promise<PlaygroundAssets> {
  return withCodecsWasm(memoryAssets(await buildPlaygroundFiles(options)))
}

/** Writes the playground's files into `dir`, replacing what was there (the build step: dist/playground-assets). */
export async function writePlaygroundFiles(dir: string, options: PlaygroundBuildOptions = {}): Promise<string[]> {
  const files = await buildPlaygroundFiles(options)
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  for (const [name, body] of Object.entries(files)) await writeFile(join(dir, name), body)
  return Object.keys(files)
}

/**
 * An esbuild plugin for a source checkout: `@imgproc/<pkg>[/<sub>]` resolves to the file under
 * packages/<pkg>/src that the package's browser export builds from (`dist/x.js` -> `src/x.ts`),
 * so `pnpm start` shows the current source without a `pnpm build` first.
 */
export function workspaceSources(packagesDir = fileURLToPath(new URL('../../../', import.meta.url))) {
  return {
    name: 'imgproc-workspace-sources',
    setup(build: { onResolve(options: { filter: RegExp }, callback: (args: { path: string }) => { path: string } | undefined): void }) {
      build.onResolve({ filter: /^@imgproc\/[\w-]+(\/.+)?$/ }, (args) => {
        const [, pkg, sub] = /^@imgproc\/([\w-]+)(?:\/(.+))?$/.exec(args.path)!
        const dir = join(packagesDir, pkg!)
        let manifest: { exports?: Record<string, string | Record<string, string>> }
        try {
          manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
        } catch {
          return undefined
        }
        const target = manifest.exports?.[sub ? `./${sub}` : '.']
        const file = typeof target === 'string' ? target : (target?.browser ?? target?.import ?? target?.default)
        return file ? { path: resolve(dir, file.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')) } : undefined
      })
    },
  }
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (invokedDirectly) {
  // `tsx src/playground/node-build.ts dist/playground-assets` (the server package's build script):
  // bundled against the sibling packages' own builds, through their package exports, as a user's
  // bundler would see them.
  const out = process.argv[2] ?? 'dist/playground-assets'
  writePlaygroundFiles(out).then(
    (names) => console.log(`playground: wrote ${names.join(', ')} to ${out}`),
    (error: unknown) => {
      console.error('playground: build failed:', error)
      process.exitCode = 1
    },
  )
}
