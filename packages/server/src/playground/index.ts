/**
 * The browser playground, mounted by the server at `/-/playground`: type a process string, see
 * it validated as you type, and compare the engine's result in the browser (WASM) with the
 * server's. `createPlaygroundHandler` is runtime-agnostic; `buildPlaygroundAssets`
 * (`./node-assets.ts`) makes its files on Node.
 * @module
 */
export { createPlaygroundHandler, PLAYGROUND_PATH, type PlaygroundHandler, type PlaygroundOptions } from './handler.js'
export { memoryAssets, assetType, type PlaygroundAsset, type PlaygroundAssets } from './assets.js'
export { playgroundPage } from './page.js'
