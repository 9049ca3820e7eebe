/**
 * Node: the playground page's `.wasm` files come from the installed @imgproc/codecs itself (the
 * files its disk reader uses), not from copies: the server pins that package to its own version,
 * so they are the files the page's bundled glue was built with, every codec's (AVIF's and HEIC's
 * too, fetched by the browser only when needed), and the server's tarball carries none of them.
 */
import { readFile } from 'node:fs/promises'
import { WASM_FILES, type WasmFile } from '@imgproc/codecs'
import { nodeWasmPath } from '@imgproc/codecs/node'
import { assetType, type PlaygroundAsset, type PlaygroundAssets } from './assets.js'

const isWasmFile = (name: string): name is WasmFile => (WASM_FILES as readonly string[]).includes(name)

type Asset = PlaygroundAsset | null

/**
 * `assets`, answering the codecs' `.wasm` names it does not hold from @imgproc/codecs. Each file
 * found is read once and kept: they do not change while the server runs (a build's or an installed
 * package's files), and the handler answers most requests, 304s included, from its own cache of
 * ETags and gzip (static-response.ts). A name not found is asked again next time.
 */
export function withCodecsWasm(assets: PlaygroundAssets): PlaygroundAssets {
  const read = async (name: string): Promise<Asset> => {
    const own = await assets.get(name)
    if (own || !isWasmFile(name)) return own
    return { body: new Uint8Array(await readFile(nodeWasmPath(name))), type: assetType(name) }
  }
  const kept = new Map<string, Promise<Asset>>()
  return {
    names: async () => [...((await assets.names?.()) ?? []), ...WASM_FILES],
    get(name) {
      let found = kept.get(name)
      if (!found) {
        found = read(name)
        kept.set(name, found)
        found.then((asset) => asset || kept.delete(name), () => kept.delete(name))
      }
      return found
    },
  }
}
