// The handler must run on Deno, Bun and Workers too: outside `serve/`, files named `node*.ts`,
// the end-to-end harness and tests, no file may use a Node-only API.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const src = fileURLToPath(new URL('.', import.meta.url))
const NODE_ONLY = [
  /\bfrom\s+['"]node:|\bimport\(\s*['"]node:|require\(\s*['"]node:/,
  /\bfrom\s+['"](fs|path|os|crypto|stream|zlib|worker_threads|child_process|buffer|url|util|http|https|net)(\/[\w/]*)?['"]/,
  /\bBuffer\s*[.(]/,
  /\bprocess\s*\.\s*(env|argv|cwd|exit|platform|versions|nextTick|memoryUsage|hrtime|stdout|stderr)\b/,
]

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else if (path.endsWith('.ts')) yield path
  }
}

describe('@imgproc/server core is Web-standard', () => {
  it('has no Node-only API outside serve/, node*.ts, e2e/ and tests', () => {
    const offences: string[] = []
    let checked = 0
    for (const file of files(src)) {
      const rel = relative(src, file)
      if (rel.startsWith('serve/') || rel.startsWith('e2e/') || /(^|\/)node[^/]*\.ts$/.test(rel) || /\.(test|fixture)\.ts$/.test(rel)) continue
      checked++
      const text = readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')
      for (const pattern of NODE_ONLY) if (pattern.test(text)) offences.push(`${rel}: ${pattern}`)
    }
    expect(checked).toBeGreaterThan(15)
    expect(offences).toEqual([])
  })
})
