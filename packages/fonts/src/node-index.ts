/**
 * The entry Node, Deno and Bun resolve (package.json "exports" conditions): the browser entry
 * with the bundled files read from disk.
 * @module
 */
import { useNodeFontAssets } from './node.js'

useNodeFontAssets()

export * from './index.js'
export { bundledAssetPath, readNodeAsset, useNodeFontAssets } from './node.js'
