/** Node, Deno and Bun: the .wasm files read from disk, and the error that names the path when one is missing. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { nodeWasmPath, readNodeWasm } from './node.js'
import { WASM_FILES } from './wasm.js'

describe('nodeWasmPath', () => {
  it('finds every file (in a source checkout: src/wasm or the dependency that ships it)', async () => {
    for (const file of WASM_FILES) {
      const path = nodeWasmPath(file)
      expect(path.endsWith(file)).toBe(true)
      expect((await readNodeWasm(file, path)).from).toBe(path)
    }
  })
})

describe('readNodeWasm', () => {
  it('a missing file: CodecUnavailable with the path tried and where the files ship', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wasm-')), 'libjpeg_turbo.wasm')
    const failure = readNodeWasm('libjpeg_turbo.wasm', path)
    await expect(failure).rejects.toMatchObject({ code: 'CodecUnavailable', status: 500 })
    await expect(failure).rejects.toThrow(`Could not load libjpeg_turbo.wasm from ${path}: ENOENT`)
    await expect(failure).rejects.toThrow("@imgproc/codecs's dist/")
  })

  it('a file that is not WebAssembly: CodecUnavailable saying it does not compile', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wasm-')), 'webp_dec.wasm')
    writeFileSync(path, 'version https://git-lfs.github.com/spec/v1\n')
    await expect(readNodeWasm('webp_dec.wasm', path)).rejects.toThrow(`Could not load webp_dec.wasm from ${path}: it does not compile`)
  })
})
