/**
 * Node-only parts of @imgproc/ops: the font provider that reads font files from disk.
 * @module
 */
export { createNodeFontProvider, DEFAULT_FONT_FILES, LATIN_FALLBACK_FONT, type NodeFontProviderOptions } from './text/node-font-provider.js'
export { createNodeJsquashResampler } from './resample/node-jsquash.js'
