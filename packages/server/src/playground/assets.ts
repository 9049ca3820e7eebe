/**
 * The playground's static files: the browser bundle (`app.js`, the engine compiled for the
 * browser) and the WASM files its codecs fetch beside it. Built by `build.ts` (esbuild) and
 * handed to the handler, so the handler itself needs no file system and runs in any runtime.
 */
export interface PlaygroundAsset {
  body: Uint8Array
  type: string
}

export interface PlaygroundAssets {
  /** `name` is a file name without folders (`app.js`, `libjpeg_turbo.wasm`); null when unknown */
  get(name: string): Promise<PlaygroundAsset | null> | PlaygroundAsset | null
  /** the names of the files it holds, which the handler compresses ahead (at start); optional */
  names?(): Promise<string[]> | string[]
}

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  wasm: 'application/wasm',
  map: 'application/json',
  css: 'text/css; charset=utf-8',
  jpg: 'image/jpeg',
  png: 'image/png',
}

export function assetType(name: string): string {
  return TYPES[/\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? ''] ?? 'application/octet-stream'
}

/** Assets held in memory (tests, or a runtime that imported the files). */
export function memoryAssets(files: Record<string, Uint8Array>): PlaygroundAssets {
  return {
    names: () => Object.keys(files),
    get(name) {
      const body = Object.hasOwn(files, name) ? files[name] : undefined
      return body ? { body, type: assetType(name) } : null
    },
  }
}
