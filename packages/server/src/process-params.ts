/**
 * The HTTP side of image processing: the body of a POST, OBS persistence parameters and style
 * names. Process strings themselves (including `|sys/saveas`) are parsed by @imgproc/grammar.
 */
import { decodeBase64Text } from '@imgproc/grammar'
import { ImgError } from '@imgproc/types'

export interface SaveAs {
  key: string
  /** absent when `b_` was not given (the reply then says `"bucket": ""`) */
  bucket?: string
}

/**
 * The body of `POST ?x-oss-process` (clients-wire 1.4): `x-oss-process=<value>`, form-encoded by
 * ali-oss, raw by oss2. Percent escapes are decoded; `+` is kept (base64 may contain it).
 */
export function processFromPostBody(text: string): string {
  const trimmed = text.trim()
  const value = trimmed.startsWith('x-oss-process=') ? trimmed.slice('x-oss-process='.length) : trimmed
  if (value === '') throw new ImgError('MissingArgument', 'The body must be x-oss-process=<process>|sys/saveas,o_<key>.', { argument: 'x-oss-process' })
  try {
    return decodeURIComponent(value)
  } catch {
    // oss2 sends the value raw; a lone `%` in it is not an escape
    return value
  }
}

const OBS_FORBIDDEN = /[\\:*?"<>|]/

/** `x-image-save-object` / `x-image-save-bucket`: base64 (either alphabet), then OBS's name rules. */
export function obsSaveTarget(query: URLSearchParams): SaveAs | undefined {
  const objectParam = query.get('x-image-save-object')
  const bucketParam = query.get('x-image-save-bucket')
  if (objectParam === null) {
    if (bucketParam !== null) throw new ImgError('MissingArgument', 'x-image-save-bucket needs x-image-save-object.', { argument: 'x-image-save-object' })
    return undefined
  }
  const key = decodeBase64Text(objectParam)
  if (key === undefined || key.length < 1 || key.length > 1023 || OBS_FORBIDDEN.test(key)) {
    throw new ImgError('InvalidArgument', `The value: ${objectParam} of parameter: x-image-save-object is invalid.`, {
      argument: 'x-image-save-object',
      value: objectParam,
    })
  }
  if (bucketParam === null) return { key }
  const bucket = decodeBase64Text(bucketParam)
  if (bucket === undefined || bucket.length < 1 || bucket.length > 64) {
    throw new ImgError('InvalidArgument', `The value: ${bucketParam} of parameter: x-image-save-bucket is invalid.`, {
      argument: 'x-image-save-bucket',
      value: bucketParam,
    })
  }
  return { key, bucket }
}

/** Style names: 1-63 of `A-Za-z0-9_.-` (OSS; EC 0017-00000250/251). */
export function assertStyleName(name: string | null): string {
  if (name === null || !/^[A-Za-z0-9_.-]{1,63}$/.test(name)) {
    throw new ImgError('InvalidArgument', `The value: ${name ?? ''} of parameter: stylename is invalid.`, {
      argument: 'stylename',
      value: name ?? '',
    })
  }
  return name
}
