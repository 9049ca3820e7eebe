/**
 * Node: the playground page's `.wasm` files come from the installed @imgproc/codecs itself (the
 * files its disk reader uses), not from copies: the server pins that package to its own version,
 * so they are the files the page's bundled glue was built with, every codec's (AVIF's and HEIC's
 * too, fetched by the browser only when needed), and the server's tarball carries none of them.
 */
import { readFile } from 'node:fs/promises'
import { WASM_FILES, type WasmFile } from '@imgproc/codecs'
import { nodeWasmPath } from '@imgproc/codecs/node'
import { assetType, type PlaygroundAssets } from './assets.js'

const isWasmFile = (name: string): name is WasmFile => (WASM_FILES as readonly string[]).includes(name)

/** `assets`, answering the codecs' `.wasm` names it does not hold from @imgproc/codecs. */
export function withCodecsWasm(assets: PlaygroundAssets): PlaygroundAssets {
  return {
    names: async () => [...((await assets.names?.()) ?? []), ...WASM_FILES],
    async get(name) {
      const own = await assets.get(name)
      if (own || !isWasmFile(name)) return own
      return { body: new Uint8Array(await readFile(nodeWasmPath(name))), type: assetType(name) }
    },
  }
}
