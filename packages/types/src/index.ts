/**
 * Shared interfaces of imgproc: the pixel type, the Codec and StorageAdapter extension points,
 * and the one error class with its code table.
 * @module
 */
export * from './errors.js'
export * from './raw-image.js'
export type * from './codec.js'
export type * from './storage.js'
