import { describe, expect, it, vi } from 'vitest'

// fresh module state per test: which files were handed over, the loader, what was read
async function load() {
  vi.resetModules()
  return { assets: await import('./assets.js'), node: await import('./node.js') }
}

describe('reading the bundled files', () => {
  it('reads a file beside the code (from disk in Node), once', async () => {
    const { assets, node } = await load()
    node.useNodeFontAssets()
    const first = await assets.readAsset('noto-sans-sc-latin-400-normal.woff')
    expect(new TextDecoder().decode(first.subarray(0, 4))).toBe('wOFF')
    expect(await assets.readAsset('noto-sans-sc-latin-400-normal.woff')).toBe(first)
    expect(await assets.readWasmModule('hb.wasm')).toBeInstanceOf(WebAssembly.Module)
  })

  it('prefers files handed over, then an installed loader, to the default', async () => {
    const { assets, node } = await load()
    node.useNodeFontAssets()
    const loader = vi.fn(async (file: string) => new TextEncoder().encode(`loaded ${file}`))
    assets.setFontAssetLoader(loader)
    assets.provideFontAssets({ 'a.woff': new Uint8Array([1]), 'b.woff': new Uint8Array([2]).buffer })
    expect(await assets.readAsset('a.woff')).toEqual(new Uint8Array([1]))
    expect(await assets.readAsset('b.woff')).toBe(await assets.readAsset('b.woff'))
    expect(new TextDecoder().decode(await assets.readAsset('c.woff'))).toBe('loaded c.woff')
    expect(loader).toHaveBeenCalledTimes(1)
  })

  it('says what is missing, where it was looked for and what to do; a failure is not remembered', async () => {
    const { assets, node } = await load()
    node.useNodeFontAssets()
    await expect(assets.readAsset('no-such-file.woff')).rejects.toMatchObject({ code: 'NotImplemented', message: expect.stringMatching(/no-such-file\.woff from \/.*ENOENT.*provideFontAssets/s) })
    let calls = 0
    assets.setFontAssetLoader(async () => {
      if (++calls === 1) throw new Error('offline')
      return new Uint8Array([9])
    })
    await expect(assets.readAsset('x.woff')).rejects.toMatchObject({ code: 'NotImplemented', message: expect.stringMatching(/offline/) })
    expect(await assets.readAsset('x.woff')).toEqual(new Uint8Array([9]))
  })

  it('without the Node reader, fetch cannot read file: URLs in Node, and the error says how to fix it', async () => {
    const { assets } = await load()
    await expect(assets.readAsset('noto-sans-sc-latin-400-normal.woff')).rejects.toMatchObject({ code: 'NotImplemented', message: expect.stringMatching(/useNodeFontAssets/) })
  })

  it('refuses a hb.wasm that is no WebAssembly', async () => {
    const { assets } = await load()
    assets.provideFontAssets({ 'hb.wasm': new Uint8Array([1, 2, 3]) })
    await expect(assets.readWasmModule('hb.wasm')).rejects.toMatchObject({ code: 'NotImplemented', message: expect.stringMatching(/hb\.wasm as WebAssembly: it does not compile/) })
  })
})
