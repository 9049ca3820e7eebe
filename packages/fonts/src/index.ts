/**
 * Open fonts that travel with imgproc, chosen by the code points of a text, and the HarfBuzz
 * shaper's WebAssembly: text watermarks draw the same on every machine and in every runtime.
 * @module
 */
export { bundledFaceFor, bundledFamilies, bundledFilesFor, bundledFontsFor, DEFAULT_FAMILY, OSS_FONT_FAMILIES } from './bundled-fonts.js'
export type { FaceEntry, FamilyEntry } from './catalog-types.js'
export { provideFontAssets, readAsset, setFontAssetLoader, type AssetLoader } from './assets.js'
export { loadHarfBuzz } from './harfbuzz.js'
