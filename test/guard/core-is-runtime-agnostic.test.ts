import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The core packages must run in every runtime (Node, Deno, Bun, browsers, Workers), so they may
// use Web-standard APIs only. Node-only code lives in files named for their runtime: a file whose
// name starts with `node` (node-fs.ts, node.ts) or anything under a `runtime/` folder.
const root = fileURLToPath(new URL('../../', import.meta.url))
const CORE = ['types', 'grammar', 'ops', 'codecs', 'engine', 'storage', 'fonts']
const NODE_ONLY = [
  { what: 'a node: import', pattern: /\bfrom\s+['"]node:|\bimport\(\s*['"]node:|require\(\s*['"]node:/ },
  { what: 'a bare Node builtin import', pattern: /\bfrom\s+['"](fs|path|os|crypto|stream|zlib|worker_threads|child_process|buffer|url|util)(\/[\w/]*)?['"]/ },
  { what: 'Buffer', pattern: /\bBuffer\s*[.(]/ },
  { what: 'process', pattern: /\bprocess\s*\.\s*(env|argv|cwd|exit|platform|versions|nextTick|memoryUsage|hrtime|stdout|stderr)\b/ },
]

function isRuntimeFile(path: string): boolean {
  return /(^|\/)node[^/]*\.ts$/.test(path) || /(^|\/)runtime\//.test(path) || path.endsWith('.test.ts')
}

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* sourceFiles(path)
    else if (path.endsWith('.ts')) yield path
  }
}

describe('core packages use Web-standard APIs only', () => {
  for (const pkg of CORE) {
    it(`@imgproc/${pkg} imports no Node-only API outside runtime files`, () => {
      const offences: string[] = []
      for (const file of sourceFiles(join(root, 'packages', pkg, 'src'))) {
        const rel = relative(root, file)
        if (isRuntimeFile(rel)) continue
        const text = readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')
        for (const { what, pattern } of NODE_ONLY) if (pattern.test(text)) offences.push(`${rel}: ${what}`)
      }
      expect(offences).toEqual([])
    })
  }

  it('recognises the offences it is meant to catch', () => {
    const probe = (text: string) => NODE_ONLY.some(({ pattern }) => pattern.test(text))
    expect(probe(`import { readFile } from 'node:fs/promises'`)).toBe(true)
    expect(probe(`import fs from 'fs'`)).toBe(true)
    expect(probe(`const b = Buffer.from(x)`)).toBe(true)
    expect(probe(`if (process.env.X) {}`)).toBe(true)
    expect(probe(`const data = new Uint8Array(4)`)).toBe(false)
    expect(isRuntimeFile('packages/storage/src/node-fs.ts')).toBe(true)
    expect(isRuntimeFile('packages/engine/src/runtime/deno.ts')).toBe(true)
    expect(isRuntimeFile('packages/engine/src/plan.ts')).toBe(false)
  })
})
