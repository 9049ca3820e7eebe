import { readFile } from 'node:fs/promises'
import { WASM_FILES } from '@imgproc/codecs'
import { nodeWasmPath } from '@imgproc/codecs/node'
import { describe, expect, it } from 'vitest'
import { memoryAssets } from './assets.js'
import { withCodecsWasm } from './node-codecs-wasm.js'

describe('withCodecsWasm', () => {
  const assets = withCodecsWasm(memoryAssets({ 'app.js': new TextEncoder().encode('1'), 'webp_dec.wasm': Uint8Array.of(1) }))

  it("answers every codec's .wasm the assets lack with @imgproc/codecs' own file", async () => {
    for (const name of WASM_FILES.filter((n) => n !== 'webp_dec.wasm')) {
      const asset = await assets.get(name)
      expect(asset?.type, name).toBe('application/wasm')
      // Buffer.equals: vitest's deep equality walks megabytes element by element
      expect(Buffer.from(asset!.body).equals(await readFile(nodeWasmPath(name))), name).toBe(true)
    }
  })

  it("keeps the assets' own files first, and knows no other names", async () => {
    expect((await assets.get('webp_dec.wasm'))?.body).toEqual(Uint8Array.of(1))
    expect((await assets.get('app.js'))?.type).toMatch(/^text\/javascript/)
    expect(await assets.get('other.wasm')).toBeNull()
    expect(await assets.get('package.json')).toBeNull()
  })
})

describe('withCodecsWasm reads', () => {
  it('each file found once, and a name not found again next time', async () => {
    const asked: string[] = []
    let late: Uint8Array | undefined
    const assets = withCodecsWasm({
      get(name) {
        asked.push(name)
        if (name === 'app.js') return { body: Uint8Array.of(1), type: 'text/javascript' }
        return name === 'late.js' && late ? { body: late, type: 'text/javascript' } : null
      },
    })
    const first = await assets.get('app.js')
    expect(await assets.get('app.js')).toBe(first)
    expect(await assets.get('late.js')).toBeNull()
    late = Uint8Array.of(2)
    expect((await assets.get('late.js'))?.body).toEqual(late)
    expect(asked).toEqual(['app.js', 'late.js', 'late.js'])
  })
})
