import { dirname, join, resolve } from 'node:path'
import { existsSync } from 'node:fs'
import { cp, rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { nodeWasmPath } from '@imgproc/codecs/node'
import { bundledAssetPath } from '@imgproc/fonts/node'
import { beforeAll, describe, expect, it } from 'vitest'
import { locate, requireAll, type RuntimeName } from './harness/binaries.js'
import { bundle, type BundleOptions } from './harness/bundle.js'
import { runBun, runChromium, runDeno, runWorkerd } from './harness/runners.js'
import type { Bundle } from './harness/bundle.js'
import { runNodeSmoke } from './node/entry.js'
import type { SmokeReport } from './smoke/smoke.js'
import { SMOKE_BUNDLED_FONT, SMOKE_FONT_FILE, SYSTEM_FONT } from './smoke/font.js'
import { SMOKE_WASM } from './smoke/wasm-files.js'

// The runtime matrix: one smoke suite (smoke/smoke.ts), bundled per runtime from source with
// esbuild, run in Deno, Bun, workerd and headless Chromium, each report compared part by part
// with Node's. A runtime whose binary is missing is skipped with the reason, except in CI
// (CI=true), where every runtime must run.
const here = dirname(fileURLToPath(import.meta.url))
const out = resolve(here, '../../.tmp/runtime')

interface Matrix {
  name: RuntimeName
  platform: BundleOptions['platform']
  wasmModules?: boolean
  run(binary: string, b: Bundle): Promise<unknown>
}

const MATRIX: Matrix[] = [
  { name: 'deno', platform: 'neutral', run: runDeno },
  { name: 'bun', platform: 'neutral', run: runBun },
  { name: 'workerd', platform: 'browser', wasmModules: true, run: runWorkerd },
  { name: 'chromium', platform: 'browser', run: runChromium },
]

/**
 * Parts a runtime is known not to run, each with the typed error it must give instead. Empty
 * means every runtime must match Node on every part.
 */
const KNOWN_GAPS: Partial<Record<RuntimeName, Record<string, string>>> = {}

let node: SmokeReport

beforeAll(async () => {
  node = await runNodeSmoke()
  await rm(out, { recursive: true, force: true })
})

it('node produces a complete reference report', () => {
  // Every part must succeed in Node, the full pipeline (text watermark included) too:
  // a typed error here would otherwise be "matched" by the same error everywhere.
  const failed = Object.entries(node.parts).filter(([, result]) => !result.ok)
  expect(failed).toEqual([])
})

for (const runtime of MATRIX) {
  const where = locate(runtime.name)
  const skip = where.missing !== undefined && !requireAll
  if (skip) console.warn(`runtime matrix: skipping ${runtime.name}: ${where.missing}`)
  describe.skipIf(skip)(runtime.name, () => {
    it(`runs the smoke suite and matches Node part by part`, async () => {
      if (!where.path) throw new Error(`${runtime.name} is required in CI: ${where.missing}`)
      const dir = join(out, runtime.name)
      // the codecs' WASM and the text shaper's (@imgproc/fonts' hb.wasm) beside the bundle
      const wasm = { ...Object.fromEntries(SMOKE_WASM.map((name) => [name, nodeWasmPath(name)])), 'hb.wasm': bundledAssetPath('hb.wasm') }
      const entry = join(here, runtime.name === 'chromium' ? 'browser' : runtime.name, 'entry.ts')
      const data = { [SMOKE_FONT_FILE]: existsSync(SYSTEM_FONT) ? SYSTEM_FONT : null, [SMOKE_BUNDLED_FONT]: bundledAssetPath(SMOKE_BUNDLED_FONT) }
      const b = await bundle({ entry, outdir: dir, platform: runtime.platform, wasmModules: runtime.wasmModules, wasm, data })
      // the bundled fonts where @imgproc/fonts looks for them: fonts/ beside the bundle (workerd imports its own)
      await cp(dirname(bundledAssetPath(SMOKE_BUNDLED_FONT)), join(dir, 'fonts'), { recursive: true })
      const report = (await runtime.run(where.path, b)) as SmokeReport
      expect(report.runtime).toBe(runtime.name)
      const gaps = KNOWN_GAPS[runtime.name] ?? {}
      for (const [name, expected] of Object.entries(node.parts)) {
        const got = report.parts[name]
        if (gaps[name]) expect(got, `${runtime.name} ${name}`).toMatchObject({ ok: false, code: gaps[name] })
        else expect(got, `${runtime.name} ${name}`).toEqual(expected)
      }
      expect(Object.keys(report.parts).sort()).toEqual(Object.keys(node.parts).sort())
    })
  })
}
