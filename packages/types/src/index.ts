/**
 * Shared interfaces of imgproc: the pixel type, the Codec and StorageAdapter extension points,
 * the one error class with its code table, a byte helper every package needs, the pool of
 * recycled pixel buffers that codecs and ops allocate from, and the pool of byte buffers that
 * whole object bodies are read into.
 * @module
 */
export * from './byte-pool.js'
export * from './bytes.js'
export * from './errors.js'
export * from './pixel-pool.js'
export * from './raw-image.js'
export type * from './codec.js'
export type * from './storage.js'
