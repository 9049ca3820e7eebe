/**
 * Where a request points: the bucket and object key, from the Host header and the path.
 *
 * - Virtual host: `Host: <bucket>.<domain>` where `<domain>` is one of the configured domains
 *   (default `localhost`), an OSS endpoint `oss-<region>[-internal].aliyuncs.com` (what ali-oss
 *   sends when its endpoint is an IP address), or an OBS endpoint `obs.<region>.myhuaweicloud.com`.
 *   With `anyVirtualHost` (the default) any other dotted, non-IP Host that is not itself a
 *   configured domain is also read as `<bucket>.<anything>`.
 * - Path style: everything else (`localhost`, `127.0.0.1`, `[::1]`, a configured domain):
 *   `/<bucket>/<key>`.
 *
 * The port is stripped first, since esdk-obs-nodejs sends none and ali-oss and fetch do.
 * A Host that is not a name, an IPv4 or a bracketed IPv6 address with an optional port (spaces,
 * `[::1` unclosed, two Host headers joined by a comma) is 400 BadRequest.
 * Paths are percent-decoded per segment; `+` stays a plus (it is not form data).
 */
import { ImgError } from '@imgproc/types'

export interface AddressOptions {
  /** hosts whose sub-domains are buckets; default `['localhost']` */
  domains?: readonly string[]
  /** read any other dotted non-IP Host as `<bucket>.<anything>`; default true */
  anyVirtualHost?: boolean
}

export interface Address {
  bucket?: string
  key?: string
  style: 'virtual-host' | 'path'
  /** the Host without port, lower-cased */
  host: string
}

const OSS_ENDPOINT = /^([^.]+)\.oss-[a-z0-9-]+\.aliyuncs\.com$/
const OBS_ENDPOINT = /^([^.]+)\.obs\.[a-z0-9-]+\.myhuaweicloud\.com$/
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/
const HOST_HEADER = /^(?:[a-z0-9_.-]+|\[[0-9a-f:.]+\])(?::[0-9]{0,5})?$/i

export function hostWithoutPort(hostHeader: string): string {
  const host = hostHeader.trim().toLowerCase()
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1)
  const colon = host.lastIndexOf(':')
  return colon === -1 ? host : host.slice(0, colon)
}

function bucketFromHost(host: string, options: AddressOptions): string | undefined {
  const endpoint = OSS_ENDPOINT.exec(host) ?? OBS_ENDPOINT.exec(host)
  if (endpoint) return endpoint[1]
  const domains = options.domains ?? ['localhost']
  if (domains.includes(host)) return undefined
  for (const domain of domains) {
    if (host.endsWith(`.${domain}`)) {
      const label = host.slice(0, -domain.length - 1)
      return label.includes('.') ? undefined : label
    }
  }
  if (options.anyVirtualHost === false || host.startsWith('[') || IPV4.test(host)) return undefined
  const dot = host.indexOf('.')
  return dot > 0 && dot < host.length - 1 ? host.slice(0, dot) : undefined
}

function decodePath(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch (cause) {
    throw new ImgError('InvalidObjectName', 'The object name is not valid percent-encoded UTF-8.', { cause })
  }
}

export function resolveAddress(url: URL, hostHeader: string | null, options: AddressOptions = {}): Address {
  if (hostHeader !== null && !HOST_HEADER.test(hostHeader.trim())) throw new ImgError('BadRequest', 'The Host header is not valid.')
  const host = hostWithoutPort(hostHeader ?? url.host)
  const vhostBucket = bucketFromHost(host, options)
  // url.pathname keeps the percent-encoding as sent (WHATWG URL only normalises dot segments)
  const path = url.pathname.startsWith('/') ? url.pathname.slice(1) : url.pathname
  if (vhostBucket !== undefined) {
    return { bucket: vhostBucket, key: path === '' ? undefined : decodePath(path), style: 'virtual-host', host }
  }
  if (path === '') return { style: 'path', host }
  const slash = path.indexOf('/')
  const bucket = decodePath(slash === -1 ? path : path.slice(0, slash))
  const rest = slash === -1 ? '' : path.slice(slash + 1)
  return { bucket, key: rest === '' ? undefined : decodePath(rest), style: 'path', host }
}

/** OSS bucket names: 3-63 characters, lower-case letters, digits and hyphens, not starting or ending with a hyphen. */
export function assertBucketName(bucket: string): void {
  if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ImgError('InvalidBucketName', undefined, { fields: { BucketName: bucket } })
  }
}

/** OSS object names: 1-1023 bytes of UTF-8, not starting with `/` or `\`, no NUL or other C0 controls but tab. */
export function assertObjectName(key: string): void {
  const bytes = new TextEncoder().encode(key).length
  // eslint-disable-next-line no-control-regex
  if (bytes === 0 || bytes > 1023 || key.startsWith('/') || key.startsWith('\\') || /[\x00-\x08\x0a-\x1f]/.test(key)) {
    throw new ImgError('InvalidObjectName', undefined, { fields: { Key: key.slice(0, 1100) } })
  }
}

/** The HostId of error replies: `<bucket>.<host>` as OSS writes it, or the host alone. */
export function hostId(address: Address): string {
  if (address.bucket === undefined || address.style === 'virtual-host') return address.host
  return `${address.bucket}.${address.host}`
}
