/**
 * The request-header limits: total size (`maxHeaderBytes`) and number of header lines
 * (`maxHeaderCount`); past either the request is 400 RequestHeaderTooLarge.
 *
 * Both are measured on the header lines as sent when the runtime adapter passes them
 * (`rawHeaders`, Node's flat `[name, value, …]` list): the Web `Headers` object joins repeated
 * names into one entry, so 3000 copies of one header would count as one line and only their
 * values would be measured. Without them (Deno, Bun, Workers), `Headers` is the best there is.
 */
import { ImgError } from '@imgproc/types'
import type { ServerLimits } from './limits.js'
import type { RequestHeaders } from './server-request.js'

// a header line is `name: value\r\n`
const LINE_OVERHEAD = 4

function measure(headers: RequestHeaders, rawHeaders?: readonly string[]): { count: number; bytes: number } {
  let count = 0
  let bytes = 0
  if (rawHeaders) {
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      count += 1
      bytes += rawHeaders[i]!.length + rawHeaders[i + 1]!.length + LINE_OVERHEAD
    }
    return { count, bytes }
  }
  for (const [name, value] of headers) {
    count += 1
    bytes += name.length + value.length + LINE_OVERHEAD
  }
  return { count, bytes }
}

export function checkHeaderLimits(headers: RequestHeaders, limits: Pick<ServerLimits, 'maxHeaderBytes' | 'maxHeaderCount'>, rawHeaders?: readonly string[]): void {
  const { count, bytes } = measure(headers, rawHeaders)
  if (count > limits.maxHeaderCount) {
    throw new ImgError('RequestHeaderTooLarge', `Your request has more than ${limits.maxHeaderCount} header lines.`)
  }
  if (bytes > limits.maxHeaderBytes) throw new ImgError('RequestHeaderTooLarge')
}
