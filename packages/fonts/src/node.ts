/**
 * Node, Deno and Bun: the bundled files read from disk (fetch cannot read file: URLs in Node).
 * The package's "node", "deno" and "bun" export conditions load node-index.ts, which installs
 * this reader, so importing `@imgproc/fonts` there needs no call; code that may have been handed
 * the browser entry calls `useNodeFontAssets()` itself.
 * @module
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { assetUrl } from './asset-url.js'
import { assetUnavailable, setDefaultAssetSource } from './assets.js'

/** Where a bundled file is on disk (src/ in a checkout, dist/ in an installed package). */
export function bundledAssetPath(file: string): string {
  return fileURLToPath(assetUrl(file))
}

/** Reads a bundled file from disk; a missing one is NotImplemented naming the path. */
export async function readNodeAsset(file: string): Promise<Uint8Array> {
  const path = bundledAssetPath(file)
  try {
    return new Uint8Array(await readFile(path))
  } catch (cause) {
    throw assetUnavailable(file, `from ${path}`, (cause as Error).message, cause)
  }
}

/** Makes the disk reader the default source of the bundled files (files handed over or a loader still come first). */
export function useNodeFontAssets(): void {
  setDefaultAssetSource(readNodeAsset)
}
