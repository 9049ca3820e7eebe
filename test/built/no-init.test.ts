/**
 * The built packages, as a program that installed them would use them: a fresh Node (and Deno and
 * Bun, when their binaries are installed) process imports `@imgproc/engine` from a project whose
 * node_modules links to the packages, and runs `createEngine().process(...)` on a JPEG with no
 * set-up call. The .wasm files must come from the codecs package's own dist/ (the "node"/"deno"/
 * "bun" export conditions); initNode() and createNodeEngine() must still work.
 *
 * Needs `pnpm build` first (tests otherwise run against source). Missing or stale dist/ folders
 * skip this file with the reason; in CI (CI=true or IMGPROC_REQUIRE_RUNTIMES=1) they fail it.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { encode } from '@imgproc/codecs'
import { describe, expect, it } from 'vitest'
import { locate, requireAll } from '../runtime/harness/binaries.js'
import { distProblem as packageDistProblem } from '../runtime/harness/built-dist.js'
import { lastJsonLine, run } from '../runtime/harness/spawn.js'

const repo = fileURLToPath(new URL('../../', import.meta.url))
/** @imgproc/engine and every workspace package it depends on, directly or not (by folder name). */
function workspaceClosure(pkg: string, seen = new Set<string>()): Set<string> {
  if (seen.has(pkg)) return seen
  seen.add(pkg)
  const manifest = JSON.parse(readFileSync(join(repo, 'packages', pkg, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }
  for (const name of Object.keys(manifest.dependencies ?? {})) if (name.startsWith('@imgproc/')) workspaceClosure(name.slice('@imgproc/'.length), seen)
  return seen
}
const BUILT = [...workspaceClosure('engine')]

/** Why the built packages cannot be tested (missing or older than their source), or undefined. */
function distProblem(): string | undefined {
  for (const pkg of BUILT) {
    const problem = packageDistProblem(join(repo, 'packages', pkg), `packages/${pkg}`)
    if (problem) return problem
  }
  return undefined
}

const SCRIPT = `
import { readFileSync } from 'node:fs'
const mode = MODE_ARGUMENT
const bytes = new Uint8Array(readFileSync(new URL('./in.jpg', import.meta.url)))
let engine
if (mode === 'createNodeEngine') {
  const { createNodeEngine } = await import('@imgproc/engine/node')
  engine = await createNodeEngine()
} else {
  if (mode === 'initNode') await (await import('@imgproc/codecs/node')).initNode()
  engine = (await import('@imgproc/engine')).createEngine()
}
const result = await engine.process(bytes, 'image/resize,w_32/format,png')
const { WASM_FILES } = await import('@imgproc/codecs')
const { nodeWasmPath } = await import('@imgproc/codecs/node')
console.log(JSON.stringify({
  kind: result.kind, mimeType: result.mimeType, width: result.width, height: result.height,
  magic: [...result.bytes.subarray(0, 4)], wasm: WASM_FILES.map(nodeWasmPath),
}))
`

/** A project whose node_modules links @imgproc/engine and @imgproc/codecs to the workspace packages. */
async function project(mode: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'imgproc-dist-'))
  mkdirSync(join(dir, 'node_modules', '@imgproc'), { recursive: true })
  for (const pkg of ['engine', 'codecs']) symlinkSync(join(repo, 'packages', pkg), join(dir, 'node_modules', '@imgproc', pkg), 'dir')
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', dependencies: { '@imgproc/engine': '*', '@imgproc/codecs': '*' } }))
  // Bun applies the nearest tsconfig's `paths` to files it loads, and the packages' real paths lie
  // under the monorepo's tsconfig (which maps @imgproc/* to src): an installed project has none.
  writeFileSync(join(dir, 'tsconfig.json'), '{}')
  writeFileSync(join(dir, 'main.mjs'), SCRIPT.replace('MODE_ARGUMENT', JSON.stringify(mode)))
  const image = { width: 64, height: 48, data: new Uint8ClampedArray(64 * 48 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 7) % 251)) }
  writeFileSync(join(dir, 'in.jpg'), await encode(image, 'jpeg'))
  return dir
}

const RUNNERS = {
  node: (binary: string) => [binary, ['main.mjs']] as const,
  deno: (binary: string, dir: string) => [binary, ['run', '--quiet', '--no-prompt', '--node-modules-dir=manual', `--allow-read=${dir},${repo}`, 'main.mjs']] as const,
  bun: (binary: string, dir: string) => [binary, [`--tsconfig-override=${join(dir, 'tsconfig.json')}`, 'main.mjs']] as const,
}

interface Report {
  kind: string
  mimeType: string
  width: number
  height: number
  magic: number[]
  wasm: string[]
}

async function runIn(runtime: keyof typeof RUNNERS, binary: string, mode: string): Promise<Report> {
  const dir = await project(mode)
  const [command, args] = RUNNERS[runtime](binary, dir)
  const out = await run(command, [...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(dir, '.deno') }, timeoutMs: 90_000 })
  return lastJsonLine(out, `${runtime} (${mode})`) as Report
}

const problem = distProblem()
if (problem) {
  if (requireAll) throw new Error(`built packages required: ${problem}`)
  console.warn(`dist test skipped: ${problem}`)
}

const codecsDist = resolve(repo, 'packages/codecs/dist')

describe.skipIf(problem !== undefined)('the built packages, with no set-up call', () => {
  for (const runtime of ['node', 'deno', 'bun'] as const) {
    const where = runtime === 'node' ? { path: process.execPath } : locate(runtime)
    const skip = where.missing !== undefined && !requireAll
    if (skip) console.warn(`dist test: skipping ${runtime}: ${where.missing}`)
    it.skipIf(skip)(`${runtime}: createEngine().process(jpeg) works, the .wasm read from the codecs package's dist/`, async () => {
      if (!where.path) throw new Error(`${runtime} is required in CI: ${where.missing}`)
      const report = await runIn(runtime, where.path, 'plain')
      expect(report).toMatchObject({ kind: 'image', mimeType: 'image/png', width: 32, height: 24, magic: [0x89, 0x50, 0x4e, 0x47] })
      for (const path of report.wasm) expect(resolve(path).startsWith(`${codecsDist}/`), path).toBe(true)
    })
  }

  for (const mode of ['initNode', 'createNodeEngine']) {
    it(`node: ${mode}() still works`, async () => {
      expect(await runIn('node', process.execPath, mode)).toMatchObject({ kind: 'image', width: 32, height: 24 })
    })
  }
})
