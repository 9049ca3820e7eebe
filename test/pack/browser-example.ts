/**
 * The README's browser example as a user would ship it: bundled with plain esbuild (the README's
 * command: no `external`, no plugins, minified, code splitting on so rarely used codecs stay in
 * their own chunks), the codecs' `.wasm` files copied beside it, served on loopback and run in headless
 * Chromium. The bundle's weight is what the page loads before its first line runs: the entry and
 * every chunk it imports statically, gzipped.
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type Metafile } from 'esbuild'
import { launchChromium } from '../runtime/harness/chromium.js'
import { serveFolder } from '../runtime/harness/static-server.js'

export interface BrowserBundle {
  dir: string
  /** gzipped bytes of the entry and its static imports */
  initialGzipBytes: number
  /** every output .js file: path -> gzipped bytes (for the failure message) */
  files: Record<string, number>
}

/** The chunks loaded before the entry runs: the entry and its static imports, transitively. */
function initialChunks(metafile: Metafile, entry: string): string[] {
  const seen = new Set<string>()
  const pending = [entry]
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (seen.has(file)) continue
    seen.add(file)
    for (const imported of metafile.outputs[file]?.imports ?? []) if (imported.kind === 'import-statement' && !imported.external) pending.push(imported.path)
  }
  return [...seen]
}

/** Bundles `<project>/<source>` into `<project>/public/` with the README's esbuild options, plus the .wasm files. */
export async function bundleBrowserExample(project: string, source: string): Promise<BrowserBundle> {
  const dir = join(project, 'public')
  await mkdir(dir, { recursive: true })
  const result = await build({
    entryPoints: [join(project, source)],
    absWorkingDir: project,
    outdir: dir,
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    metafile: true,
    logLevel: 'silent',
  })
  const codecsDist = join(project, 'node_modules', '@imgproc', 'codecs', 'dist')
  for (const name of await readdir(codecsDist)) if (name.endsWith('.wasm')) await copyFile(join(codecsDist, name), join(dir, name))
  const files: Record<string, number> = {}
  for (const output of Object.keys(result.metafile.outputs)) if (output.endsWith('.js')) files[output] = gzipSync(await readFile(join(project, output))).byteLength
  // with splitting every dynamically imported module is an entry point too: take the one built from `source`
  const entry = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint === source)?.[0]
  if (!entry) throw new Error(`esbuild reported no entry output for ${source}`)
  const initialGzipBytes = initialChunks(result.metafile, entry).reduce((sum, file) => sum + (files[file] ?? 0), 0)
  return { dir, initialGzipBytes, files: Object.fromEntries(Object.entries(files).map(([file, bytes]) => [relative('public', file), bytes])) }
}

export interface BrowserResult {
  width: number
  height: number
  type: string
  /** the first 12 bytes of the image the page made */
  head: number[]
  errors: string[]
}

/** Serves the bundle with `photo` beside it, loads it in Chromium, and reads back the `<img>` the example appends. */
export async function runBrowserExample(chromiumPath: string, bundle: BrowserBundle, entryFile: string, photo: Uint8Array): Promise<BrowserResult> {
  await writeFile(join(bundle.dir, 'photo.jpg'), photo)
  await writeFile(join(bundle.dir, 'index.html'), `<!doctype html><meta charset="utf-8"><title>example</title><link rel="icon" href="data:,"><script type="module" src="./${entryFile}"></script>\n`)
  const server = await serveFolder(bundle.dir)
  const browser = await launchChromium(chromiumPath)
  const errors: string[] = []
  try {
    const page = await browser.newPage()
    page.on('pageerror', (error) => errors.push(String(error)))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await page.goto(`${server.url}/`)
    try {
      await page.waitForFunction(() => document.querySelector('img')?.complete === true && document.querySelector('img')!.naturalWidth > 0, undefined, { timeout: 60_000 })
    } catch (error) {
      throw new Error(`the browser example showed no image: ${errors.join('\n') || (error as Error).message}`, { cause: error })
    }
    const facts = await page.evaluate(async () => {
      const img = document.querySelector('img')!
      const blob = await (await fetch(img.src)).blob()
      return { width: img.naturalWidth, height: img.naturalHeight, type: blob.type, head: [...new Uint8Array(await blob.slice(0, 12).arrayBuffer())] }
    })
    return { ...facts, errors }
  } finally {
    await browser.close()
    await server.close()
  }
}
