/**
 * The package's entry in Node, Deno and Bun (its "node", "deno" and "bun" export conditions):
 * everything `index.ts` exports, with the codecs' .wasm files read from disk beside the code, so
 * `decode`/`encode` (and the engine above them) work with no set-up call. Bundlers for browsers
 * and Workers resolve `index.ts`, which fetches the files instead (wasm-fetch.ts).
 * @module
 */
import { readNodeWasm } from './node.js'
import { setDefaultWasmSource } from './wasm.js'

export * from './index.js'

// The one side effect of this entry (package.json lists it in "sideEffects" so bundlers keep it).
setDefaultWasmSource((file) => readNodeWasm(file))
