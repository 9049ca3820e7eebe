/**
 * Node: the playground's files (`app.js`, the browser bundle, and the codecs' WASM files) as
 * `PlaygroundAssets` for `createPlaygroundHandler`. A built package serves the script its build
 * wrote into dist/playground-assets/ (node-build.ts); a source checkout run through tsx
 * (`pnpm start`) bundles it from source with esbuild on first use instead. The `.wasm` files are
 * @imgproc/codecs' own either way (node-codecs-wasm.ts).
 */
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { assetType, type PlaygroundAssets } from './assets.js'
import type { PlaygroundBuildOptions } from './node-build.js'
import { withCodecsWasm } from './node-codecs-wasm.js'

export { buildPlaygroundAssets, buildPlaygroundFiles, writePlaygroundFiles, type EsbuildLike, type PlaygroundBuildOptions } from './node-build.js'

/** Reads prebuilt files from `dir` (what `writePlaygroundFiles` wrote), on request, and the codecs' `.wasm` files. */
export function loadPlaygroundAssets(dir: string): PlaygroundAssets {
  return withCodecsWasm({
    names: async () => (await readdir(dir)).filter((name) => /^[\w.-]+$/.test(name)),
    async get(name) {
      const path = join(dir, name)
      if (!/^[\w.-]+$/.test(name) || !existsSync(path)) return null
      return { body: new Uint8Array(await readFile(path)), type: assetType(name) }
    },
  })
}

const runningFromSource = import.meta.url.endsWith('.ts')

/**
 * Where the build put the files: dist/playground-assets/. This code sits in dist/ itself or in
 * dist/playground/ depending on how the bundler split it, so both are looked at.
 */
function prebuiltDir(): string | undefined {
  for (const relative of ['./playground-assets/', '../playground-assets/']) {
    const dir = fileURLToPath(new URL(relative, import.meta.url))
    if (existsSync(join(dir, 'app.js'))) return dir
  }
  return undefined
}

/**
 * The assets wherever this code runs from: a built package serves its prebuilt files, a source
 * checkout bundles `app/main.ts` (and the workspace packages' sources) with esbuild on first use.
 * A built package without the files is a broken build, said as such (it never reaches for esbuild).
 */
export async function playgroundAssets(options: PlaygroundBuildOptions = {}): Promise<PlaygroundAssets> {
  if (!runningFromSource) {
    const dir = prebuiltDir()
    if (dir) return loadPlaygroundAssets(dir)
    throw new Error(`the playground's files are missing beside ${fileURLToPath(import.meta.url)} (dist/playground-assets/): this copy of @imgproc/server was built without its playground step`)
  }
  const { buildPlaygroundAssets, workspaceSources } = await import('./node-build.js')
  return buildPlaygroundAssets({ plugins: [workspaceSources()], ...options })
}
