import { existsSync } from 'node:fs'
import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'
import { NODE_ONLY_REQUIRES } from '../../../packages/codecs/src/wasm.js'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

/**
 * `@imgproc/<pkg>` -> packages/<pkg>/src/index.ts and `@imgproc/<pkg>/<sub>` -> src/<sub>.ts, the
 * same mapping as vitest.config.ts, so every runtime runs the current source, never a stale dist/.
 */
export const sourceAliases: Plugin = {
  name: 'imgproc-source',
  setup(b) {
    b.onResolve({ filter: /^@imgproc\/[\w-]+(\/.+)?$/ }, (args) => {
      const [, pkg, sub] = /^@imgproc\/([\w-]+)(?:\/(.+))?$/.exec(args.path)!
      const path = join(repo, 'packages', pkg, 'src', sub ? `${sub}.ts` : 'index.ts')
      return existsSync(path) ? { path } : undefined
    })
  },
}

/**
 * Workers cannot compile WASM from bytes at run time: a `.wasm` import must stay an import, and
 * the worker's config lists the file as a Wasm module (a `.ttf` or `.woff` as a data module). This plugin
 * keeps such imports external under their base name (the files are copied beside the bundle).
 */
function wasmAsModules(imported: Set<string>): Plugin {
  return {
    name: 'wasm-modules',
    setup(b) {
      b.onResolve({ filter: /\.(wasm|ttf|woff)$/ }, (args) => {
        imported.add(basename(args.path))
        return { path: `./${basename(args.path)}`, external: true }
      })
    },
  }
}

export interface BundleOptions {
  /** the runtime entry (test/runtime/<name>/entry.ts) */
  entry: string
  outdir: string
  platform: 'browser' | 'neutral' | 'node'
  /** keep `.wasm` imports as module imports (workerd) instead of failing the build */
  wasmModules?: boolean
  /** WASM files to copy beside the bundle: file name -> path on disk */
  wasm?: Record<string, string>
  /** other files to put beside the bundle (null: an empty file); workerd imports them as data modules */
  data?: Record<string, string | null>
}

export interface Bundle {
  /** absolute path of the bundled entry */
  file: string
  /** base names of the `.wasm` files that the bundle imports as modules */
  wasmModules: string[]
  /** base names of the other files beside the bundle (workerd: data modules) */
  dataModules: string[]
}

/** Bundles one runtime entry (ESM, one file) and copies the WASM it needs beside it. */
export async function bundle(options: BundleOptions): Promise<Bundle> {
  await mkdir(options.outdir, { recursive: true })
  const imported = new Set<string>()
  const file = join(options.outdir, 'entry.js')
  await build({
    entryPoints: [options.entry],
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: options.platform,
    target: 'es2022',
    // the browser field first, as browser and Workers bundlers do (opentype.js's `module` build has no default export)
    mainFields: ['browser', 'module', 'main'],
    conditions: ['worker', 'browser', 'import'],
    // a browser bundle needs no `external` list (the browser fields stub every Node-only require);
    // a platform-neutral one (Deno, Bun) of this source does, for jsColorEngine's Node paths (the
    // published dist bundles jsColorEngine, so a neutral bundle of dist needs none either)
    external: options.platform === 'neutral' ? [...NODE_ONLY_REQUIRES] : [],
    logLevel: 'error',
    plugins: [sourceAliases, ...(options.wasmModules ? [wasmAsModules(imported)] : [])],
  })
  for (const [name, from] of Object.entries(options.wasm ?? {})) await copyFile(from, join(options.outdir, name))
  for (const [name, from] of Object.entries(options.data ?? {})) {
    if (from) await copyFile(from, join(options.outdir, name))
    else await writeFile(join(options.outdir, name), new Uint8Array())
  }
  const missing = [...imported].filter((name) => !options.wasm?.[name] && !(name in (options.data ?? {})))
  if (missing.length) throw new Error(`the bundle imports ${missing.join(', ')} but no such file was given`)
  return { file, wasmModules: [...imported].filter((name) => name.endsWith('.wasm')), dataModules: Object.keys(options.data ?? {}) }
}
