import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testPicture } from '../testing/arbitraries.js'
import { createJsquashResampler } from './jsquash-resampler.js'

const require = createRequire(import.meta.url)
const wasmPath = join(dirname(require.resolve('@jsquash/resize/package.json')), 'lib/resize/pkg/squoosh_resize_bg.wasm')

describe('createJsquashResampler', () => {
  it('resizes through the squoosh WASM, initialised lazily with the bytes given', async () => {
    let loads = 0
    const resampler = createJsquashResampler({ wasm: async () => { loads++; return readFile(wasmPath) } })
    expect(loads).toBe(0)
    const out = await resampler.resize(testPicture(64, 48), 32, 24, 'lanczos3')
    await resampler.resize(testPicture(8, 8), 4, 4, 'bilinear')
    expect(loads).toBe(1)
    expect([out.width, out.height, out.data.length]).toEqual([32, 24, 32 * 24 * 4])
    expect(out.data[3]).toBe(255)
  })
  it('refuses the nearest kernel with NotImplemented', async () => {
    const resampler = createJsquashResampler({ wasm: () => readFile(wasmPath) })
    await expect(resampler.resize(testPicture(4, 4), 2, 2, 'nearest')).rejects.toMatchObject({ code: 'NotImplemented' })
  })
})
