/**
 * Codec adapters (JPEG, PNG, WebP, GIF, BMP, TIFF, AVIF, HEIC), sniffing and header probing, for every runtime.
 * @module
 */
export {}
