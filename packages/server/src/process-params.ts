/**
 * The HTTP side of image processing: which parameter carries the process string, the
 * `sys/saveas` tail of a POST, OBS persistence parameters and style names. The process string
 * itself (`image/...`) is the engine's to parse and validate.
 */
import { ImgError } from '@imgproc/types'

/** Base64 of UTF-8 text in either alphabet, padded or not; undefined when it is not. */
export function decodeBase64Utf8(value: string): string | undefined {
  const body = value.replace(/={1,2}$/, '')
  if (body === '' || !/^[A-Za-z0-9+/_-]+$/.test(body) || body.length % 4 === 1) return undefined
  if (value.length !== body.length && value.length % 4 !== 0) return undefined
  const standard = body.replace(/-/g, '+').replace(/_/g, '/')
  try {
    const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4))
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
  } catch {
    return undefined
  }
}

export interface SaveAs {
  key: string
  /** absent when `b_` was not given (the reply then says `"bucket": ""`) */
  bucket?: string
}

/**
 * Splits `image/resize,w_100|sys/saveas,o_<b64>,b_<b64>` into the process string and the target.
 * `saveas` without `sys/` is refused, as OSS refuses it.
 */
export function splitSaveAs(value: string): { process: string; saveAs?: SaveAs } {
  const bar = value.lastIndexOf('|')
  if (bar === -1) return { process: value }
  const process = value.slice(0, bar)
  const tail = value.slice(bar + 1)
  if (!tail.startsWith('sys/saveas,') && tail !== 'sys/saveas') {
    throw new ImgError('InvalidArgument', `The value: ${tail} of parameter: x-oss-process is invalid: only sys/saveas may follow '|'.`, {
      argument: 'x-oss-process',
      value: tail,
    })
  }
  let key: string | undefined
  let bucket: string | undefined
  for (const param of tail.slice('sys/saveas,'.length).split(',')) {
    if (param === '') continue
    const [name, encoded = ''] = [param.slice(0, param.indexOf('_')), param.slice(param.indexOf('_') + 1)]
    if (name !== 'o' && name !== 'b') continue
    const decoded = decodeBase64Utf8(encoded)
    if (decoded === undefined) {
      throw new ImgError('InvalidArgument', `The value: ${encoded} of parameter: ${name} is invalid: it is not base64.`, { argument: name, value: encoded })
    }
    if (name === 'o') key = decoded
    else bucket = decoded
  }
  if (key === undefined) throw new ImgError('MissingArgument', 'sys/saveas needs the target object: o_<base64 key>.', { argument: 'o' })
  return { process, saveAs: bucket === undefined ? { key } : { key, bucket } }
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
  const key = decodeBase64Utf8(objectParam)
  if (key === undefined || key.length < 1 || key.length > 1023 || OBS_FORBIDDEN.test(key)) {
    throw new ImgError('InvalidArgument', `The value: ${objectParam} of parameter: x-image-save-object is invalid.`, {
      argument: 'x-image-save-object',
      value: objectParam,
    })
  }
  if (bucketParam === null) return { key }
  const bucket = decodeBase64Utf8(bucketParam)
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
