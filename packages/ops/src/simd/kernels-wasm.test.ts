import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { KERNELS_WASM_BASE64, SOURCES_SHA256, WASM_SHA256 } from './kernels-wasm.js'

const NATIVE = fileURLToPath(new URL('../../native/simd/', import.meta.url))
const GENERATED = fileURLToPath(new URL('./kernels-wasm.ts', import.meta.url))
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const toolchain = ['clang-14', 'wasm-ld-14'].every((tool) => spawnSync(tool, ['--version']).status === 0)
if (!toolchain) console.warn('[kernels-wasm] rebuild comparison SKIPPED: clang-14 / wasm-ld-14 absent (apt-get install clang-14 lld-14)')

describe('the embedded SIMD128 kernels module', () => {
  it('was built from the C sources and build.sh beside it (their sha256 is recorded at build time)', () => {
    const sources = Buffer.concat(['kernels.h', 'resample.c', 'filters.c', 'build.sh'].map((file) => readFileSync(join(NATIVE, file))))
    // a mismatch means the C changed without `sh packages/ops/native/simd/build.sh`
    expect(sha256(sources)).toBe(SOURCES_SHA256)
    expect(sha256(Buffer.from(KERNELS_WASM_BASE64, 'base64'))).toBe(WASM_SHA256)
  })

  it.skipIf(!toolchain)('rebuilds byte for byte from those sources', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kernels-wasm-'))
    try {
      const out = join(dir, 'kernels-wasm.ts')
      execFileSync('sh', [join(NATIVE, 'build.sh')], { env: { ...process.env, OUT: out }, stdio: 'pipe' })
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(GENERATED, 'utf8'))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
