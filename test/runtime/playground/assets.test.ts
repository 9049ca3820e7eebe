import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as esbuild from 'esbuild'
import { describe, expect, it } from 'vitest'
import { sourceAliases } from '../harness/bundle.js'
import { loadPlayground } from './server-playground.js'

describe('playground build step', () => {
  it("writes app.js, and serves it back from the folder with the codecs' own WASM", async () => {
    const { node } = await loadPlayground()
    const dir = await mkdtemp(join(tmpdir(), 'imgproc-playground-'))
    const names = await node.writePlaygroundFiles(dir, { esbuild, plugins: [sourceAliases] })
    // app.js (the page, small) and the chunks it imports (the engine, the codecs' glue)
    expect(names).toContain('app.js')
    const chunks = names.filter((name) => name !== 'app.js')
    expect(chunks.length).toBeGreaterThan(0)
    for (const name of chunks) expect(name).toMatch(/^chunk-[\w-]+\.js$/)
    const assets = node.loadPlaygroundAssets(dir)
    const app = await assets.get('app.js')
    expect(app?.type).toMatch(/^text\/javascript/)
    expect(new TextDecoder().decode(app!.body)).toContain('/-/playground/process')
    let chunkBytes = 0
    for (const name of chunks) chunkBytes += (await assets.get(name))!.body.byteLength
    expect(app!.body.byteLength).toBeLessThan(chunkBytes / 20)
    const wasm = await assets.get('webp_dec.wasm')
    expect(wasm?.type).toBe('application/wasm')
    expect([...wasm!.body.subarray(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d])
    expect((await assets.get('avif_enc.wasm'))?.type).toBe('application/wasm')
    expect(await assets.get('../package.json')).toBeNull()
    expect(await assets.get('nope.js')).toBeNull()
  })
})
