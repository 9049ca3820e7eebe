/**
 * Where each bundled file is, as a URL beside this code: the fonts in `./fonts/`, the shaper's
 * WebAssembly as `./hb.wasm`. The source tree keeps them there (src/fonts/, src/hb.wasm) and the
 * build copies them to the same places in dist/ (tsup.config.ts), so the URLs hold in both; this
 * module sits at the top of src/ so that its relative URLs mean the same in src/ and in dist/'s
 * chunks. A page that bundles this package serves the files beside its bundle: the playground
 * serves its bundle as `/-/playground/app.js`, the fonts under `/-/playground/fonts/`.
 */

/** The URL of a bundled file (a font's file name, or `hb.wasm`). Throws a TypeError where modules have no URL (Workers). */
export function assetUrl(file: string): URL {
  return file === 'hb.wasm' ? new URL('./hb.wasm', import.meta.url) : new URL(`./fonts/${file}`, import.meta.url)
}
