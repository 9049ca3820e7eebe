/**
 * Bundles an entry for the browser the plain way (esbuild: bundle, ESM, platform browser, minify,
 * code splitting; no `external` list, no plugin but the source aliases) and measures what the page
 * loads up front: the entry's chunk and every chunk it imports statically, minified and gzipped
 * (node:zlib's default level), with the bytes each dependency contributes (esbuild's metafile).
 * Chunks reached only through `import()` are what loads later, on demand.
 */
import { basename, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { sourceAliases } from '../runtime/harness/bundle.js'

export interface ChunkSize {
  /** the chunk's file name */
  file: string
  minified: number
  gzipped: number
  /** bytes in this chunk by dependency (`@imgproc/<pkg>` for our packages, else the npm name) */
  byDependency: Record<string, number>
  /** the source files in this chunk, as esbuild names them */
  inputs: string[]
}

export interface BrowserBundle {
  /** the entry's chunk and every chunk it imports statically */
  upFront: ChunkSize[]
  /** chunks loaded only by dynamic import */
  onDemand: ChunkSize[]
  /** totals over `upFront` */
  minified: number
  gzipped: number
  byDependency: Record<string, number>
}

/** The npm package (or `@imgproc/<pkg>`) an esbuild input path belongs to. */
export function dependencyOf(input: string): string {
  const inModules = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(input)
  if (inModules) return inModules[1]!
  const ours = /packages\/([^/]+)\//.exec(input)
  return ours ? `@imgproc/${ours[1]}` : input
}

function add(into: Record<string, number>, from: Record<string, number>): void {
  for (const [name, bytes] of Object.entries(from)) into[name] = (into[name] ?? 0) + bytes
}

/**
 * Bundles `entry` (one file) into `outdir` in memory and sizes what the page loads up front.
 * `splitting: false` is esbuild's default: every dynamic import is inlined into the one file.
 */
export async function bundleForBrowser(entry: string, outdir: string, { splitting = true } = {}): Promise<BrowserBundle> {
  const result = await build({
    entryPoints: [entry],
    outdir,
    bundle: true,
    splitting,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [sourceAliases],
  })
  // metafile paths are relative to the working directory, output files' paths absolute
  const contents = new Map(result.outputFiles.map((file) => [file.path, file.contents]))
  const outputs = result.metafile.outputs
  const main = Object.keys(outputs).find((path) => outputs[path]!.entryPoint !== undefined && resolve(outputs[path]!.entryPoint!) === resolve(entry))
  if (!main) throw new Error(`esbuild produced no chunk for ${entry}`)
  const upFront = new Set<string>()
  for (const pending = [main]; pending.length; ) {
    const path = pending.pop()!
    if (upFront.has(path)) continue
    upFront.add(path)
    for (const record of outputs[path]!.imports) if (record.kind === 'import-statement' && !record.external) pending.push(record.path)
  }
  const size = (path: string): ChunkSize => {
    const bytes = contents.get(resolve(path))!
    const byDependency: Record<string, number> = {}
    for (const [input, { bytesInOutput }] of Object.entries(outputs[path]!.inputs)) add(byDependency, { [dependencyOf(input)]: bytesInOutput })
    return { file: basename(path), minified: bytes.length, gzipped: gzipSync(bytes).length, byDependency, inputs: Object.keys(outputs[path]!.inputs) }
  }
  const scripts = Object.keys(outputs).filter((path) => path.endsWith('.js'))
  const first = scripts.filter((path) => upFront.has(path)).map(size)
  const byDependency: Record<string, number> = {}
  for (const chunk of first) add(byDependency, chunk.byDependency)
  return {
    upFront: first,
    onDemand: scripts.filter((path) => !upFront.has(path)).map(size),
    minified: first.reduce((sum, chunk) => sum + chunk.minified, 0),
    gzipped: first.reduce((sum, chunk) => sum + chunk.gzipped, 0),
    byDependency,
  }
}
