/**
 * Name rules shared by every adapter, so that a name refused by one is refused by all.
 * Bucket and object rules are OSS's; style names follow spec section 6.1.
 */
import { ImgError, invalidArgument } from '@imgproc/types'

/** Keys under this prefix belong to the adapter (the S3 adapter keeps styles and bucket settings there). */
export const RESERVED_PREFIX = '.imgproc/'

const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/
const STYLE_NAME = /^[A-Za-z0-9_.-]{1,63}$/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const encoder = new TextEncoder()

/** OSS: 3-63 characters, lower-case letters, digits and hyphens, not starting or ending with a hyphen. */
export const isBucketName = (name: string): boolean => typeof name === 'string' && BUCKET_NAME.test(name)

export function assertBucketName(bucket: string): void {
  if (!isBucketName(bucket)) {
    throw new ImgError('InvalidBucketName', `The specified bucket is not valid: ${JSON.stringify(String(bucket)).slice(0, 80)}`, {
      fields: { BucketName: String(bucket) },
    })
  }
}

/**
 * OSS: 1-1023 bytes of UTF-8, not starting with `/` or `\`. We also refuse NUL (no store keeps
 * it faithfully), lone surrogates (not representable in UTF-8), the names `.` and `..` and the
 * reserved prefix.
 */
export function assertObjectKey(key: string): void {
  const reason = objectKeyProblem(key)
  if (reason) {
    throw new ImgError('InvalidObjectName', `The specified object name is not valid: ${reason}.`, {
      fields: { Key: typeof key === 'string' ? key.slice(0, 256) : '' },
    })
  }
}

function objectKeyProblem(key: string): string | undefined {
  if (typeof key !== 'string' || key.length === 0) return 'empty'
  if (key.startsWith('/') || key.startsWith('\\')) return 'starts with / or \\'
  // `.` and `..` cannot be addressed over HTTP: every URL parser removes such dot segments
  // (and S3 gateways refuse them), so no adapter accepts them
  if (key === '.' || key === '..') return 'is . or ..'
  if (key.includes('\0')) return 'contains NUL'
  if (LONE_SURROGATE.test(key)) return 'contains a lone surrogate'
  if (encoder.encode(key).length > 1023) return 'longer than 1023 bytes'
  if (key.startsWith(RESERVED_PREFIX)) return `the prefix ${RESERVED_PREFIX} is reserved`
  return undefined
}

/** Spec 6.1: 1-63 characters of [A-Za-z0-9_.-]; OSS answers InvalidArgument with this message. */
export function assertStyleName(name: string): void {
  if (typeof name !== 'string' || !STYLE_NAME.test(name)) throw invalidArgument('stylename', String(name))
}

const RESULT_NAME = /^[0-9a-f]{64}$/

/** ResultStorage names: exactly 64 lower-case hex digits (a SHA-256), so no other text names a file or key. */
export function assertResultName(name: string): void {
  if (typeof name !== 'string' || !RESULT_NAME.test(name)) {
    throw new ImgError('InvalidArgument', 'A stored result is named by 64 lower-case hex digits.', { argument: 'result', value: String(name).slice(0, 80) })
  }
}
