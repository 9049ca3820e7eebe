/**
 * The StorageAdapter implementations of imgproc: memory (any runtime) and S3-compatible
 * (fetch + SigV4, any runtime); the filesystem adapter is the `@imgproc/storage/node-fs`
 * subpath and the conformance suite is `@imgproc/storage/testing`.
 * @module
 */
export type {
  Acl, Body, BucketInfo, ByteRange, GetOptions, ListEntry, ListOptions, ListResult, NotModified, ObjectHeaders,
  ObjectMeta, PutOptions, StorageAdapter, StoredObject, Style, StyleInput,
} from '@imgproc/types'
export { createMemoryStorage, type MemoryStorageOptions } from './memory.js'
export { RESERVED_PREFIX, assertBucketName, assertObjectKey, assertStyleName } from './names.js'
export { DEFAULT_MAX_STYLES } from './style-store.js'
export { compareKeys } from './listing.js'
export { bareEtag } from './conditions.js'
export { createS3Storage, type S3StorageOptions } from './s3/adapter.js'
