/**
 * Prints what a browser page loads up front for each entry in entries/ (see browser-bundle.ts):
 *
 *   pnpm exec tsx test/bundle/measure.ts
 *
 * The numbers in packages/engine/README.md ("Bundle size") come from this script.
 */
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { bundleForBrowser, type ChunkSize } from './browser-bundle.js'

const entries = fileURLToPath(new URL('./entries/', import.meta.url))
const out = fileURLToPath(new URL('../../test-artifacts/browser-bundle', import.meta.url))
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

function dependencies(byDependency: Record<string, number>): string {
  return Object.entries(byDependency)
    // the entry itself, and the empty modules esbuild puts where a browser field says `false`
    .filter(([name, bytes]) => !name.includes('/entries/') && bytes >= 50)
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => `${name} ${kb(bytes)}`)
    .join(', ')
}

const chunkLine = (chunk: ChunkSize) => `    ${chunk.file}: ${kb(chunk.minified)} min, ${kb(chunk.gzipped)} gz (${dependencies(chunk.byDependency)})`

for (const name of readdirSync(entries).filter((file) => file.endsWith('.ts'))) {
  for (const splitting of [true, false]) {
    const bundle = await bundleForBrowser(`${entries}${name}`, out, { splitting })
    console.log(`${name}, ${splitting ? 'code splitting' : 'one file'}: up front ${kb(bundle.minified)} minified, ${kb(bundle.gzipped)} gzipped`)
    console.log(`  by dependency (minified): ${dependencies(bundle.byDependency)}`)
    if (splitting) {
      console.log('  on demand:')
      for (const chunk of [...bundle.onDemand].sort((a, b) => b.minified - a.minified).filter((c) => c.minified > 1024)) console.log(chunkLine(chunk))
    }
  }
}
