/**
 * Our libjpeg-turbo build's SIMD128 kernels change no byte: every case of node-turbo-simd.fixture.ts
 * (corpus JPEGs decoded at 1/1..1/8 and re-encoded, synthetic odd sizes, CMYK/YCCK) gives the
 * same output with the kernels on (the default) as with them off in the same build, and the same
 * as a scalar build of the same sources (build.sh --scalar), recorded in
 * turbo-scalar-digests.json. Set LIBJPEG_TURBO_SCALAR=<dir of a scalar build> to compare with
 * such a build live as well. Corpus cases are skipped, with a note, when ../shared/corpus is
 * absent. (native/libjpeg-turbo/simd_check.c checks each kernel alone on random data.)
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { corpusDir, digestsFile, jpegCases, loadTurbo, withKernels, type TurboBuild } from './node-turbo-simd.fixture.js'

const ALL_KERNELS = 0x3fff // jsimd_wasm.h JSIMD_WASM_ALL
const committed = fileURLToPath(new URL('./wasm/', import.meta.url))
const scalarDir = process.env.LIBJPEG_TURBO_SCALAR
const digests = JSON.parse(readFileSync(digestsFile, 'utf8')) as Record<string, string>
const corpusPresent = existsSync(`${corpusDir}MANIFEST.tsv`)
if (!corpusPresent) console.warn(`libjpeg-turbo SIMD corpus cases skipped: ${corpusDir} is absent (synthetic and fixture cases still run)`)

let build: TurboBuild
let scalar: TurboBuild | undefined
const cases = jpegCases(() => build)

describe('libjpeg-turbo SIMD128 kernels', () => {
  beforeAll(async () => {
    build = await loadTurbo(committed)
    if (scalarDir) scalar = await loadTurbo(scalarDir)
  })

  it('are all on by default in the committed build', () => {
    expect(build.simd(-1)).toBe(ALL_KERNELS)
  })

  it('have a recorded scalar digest for every case', () => {
    const missing = cases.map((c) => c.name).filter((name) => !(name in digests))
    expect(missing).toEqual([])
    if (corpusPresent) expect(cases.length).toBe(Object.keys(digests).length)
  })

  for (const c of cases) {
    it(c.name, () => {
      const simd = withKernels(build, ALL_KERNELS, c.run)
      const plain = withKernels(build, 0, c.run)
      expect(simd).toBe(plain)
      expect(simd).toBe(digests[c.name])
      if (scalar) expect(simd).toBe(c.run(scalar))
    })
  }
})
