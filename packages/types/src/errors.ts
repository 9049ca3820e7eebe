/**
 * The one error class of imgproc and the one table pairing each OSS error code with its
 * HTTP status and default message. Every package throws `ImgError`; the server renders it
 * as OSS/OBS error XML, the CLI as one line with a caret.
 */

/** code -> HTTP status and default (public) message. The only place statuses are set. */
export const ERROR_CODES = {
  InvalidArgument: { status: 400, message: 'The argument is invalid.' },
  MissingArgument: { status: 400, message: 'A required argument is missing.' },
  BadRequest: { status: 400, message: 'The request is malformed.' },
  ImageTooLarge: { status: 400, message: 'The image exceeds the processing limits.' },
  WatermarkError: { status: 400, message: 'The watermark cannot be applied.' },
  BadWebPImage: { status: 400, message: 'The webp image file may be damaged.' },
  InvalidDigest: { status: 400, message: 'The Content-MD5 you specified is not valid.' },
  InvalidBucketName: { status: 400, message: 'The specified bucket is not valid.' },
  InvalidObjectName: { status: 400, message: 'The specified object name is not valid.' },
  EntityTooLarge: { status: 400, message: 'Your proposed upload exceeds the maximum allowed size.' },
  RequestHeaderTooLarge: { status: 400, message: 'Your request header is too large.' },
  TooManyStyles: { status: 400, message: 'The number of styles in the bucket exceeds the limit.' },
  AccessDenied: { status: 403, message: 'You have no right to access this object.' },
  SignatureDoesNotMatch: {
    status: 403,
    message: 'The request signature we calculated does not match the signature you provided.',
  },
  InvalidAccessKeyId: { status: 403, message: 'The OSS Access Key Id you provided does not exist in our records.' },
  RequestExpired: { status: 403, message: 'Request has expired.' },
  RequestTimeTooSkewed: { status: 403, message: 'The difference between the request time and the current time is too large.' },
  NoSuchBucket: { status: 404, message: 'The specified bucket does not exist.' },
  NoSuchKey: { status: 404, message: 'The specified key does not exist.' },
  NoSuchStyle: { status: 404, message: 'The specified style does not exist.' },
  MethodNotAllowed: { status: 405, message: 'The specified method is not allowed against this resource.' },
  BucketAlreadyExists: { status: 409, message: 'The requested bucket name is not available.' },
  BucketNotEmpty: { status: 409, message: 'The bucket you tried to delete is not empty.' },
  PreconditionFailed: { status: 412, message: 'At least one of the preconditions you specified did not hold.' },
  InvalidRange: { status: 416, message: 'The requested range cannot be satisfied.' },
  RequestAborted: { status: 499, message: 'The request was aborted.' },
  InternalError: { status: 500, message: 'We encountered an internal error. Please try again.' },
  // A codec's WebAssembly could not be found, fetched or compiled: a fault in how the program was
  // installed, bundled or deployed, not in the request (so not 4xx) and not transient (so not 503,
  // which invites retrying the same request). 500 keeps clients' retry policies what they are for
  // any server fault, while the code tells operators and library users it is setup, not a bug.
  CodecUnavailable: { status: 500, message: 'An image codec could not be loaded; the service is not set up completely.' },
  NotImplemented: { status: 501, message: 'A feature you requested is not implemented.' },
  SlowDown: { status: 503, message: 'Please reduce your request rate.' },
  RequestTimeout: { status: 503, message: 'The request took longer than the deadline allows.' },
} as const satisfies Record<string, { status: number; message: string }>

export type ErrorCode = keyof typeof ERROR_CODES

/** A half-open range of UTF-16 offsets into the process string (or other text input). */
export interface Span {
  start: number
  end: number
}

export interface ErrorDetail {
  /** the parameter name, as OSS reports it (`w`, `stylename`) */
  argument?: string
  /** the offending value, as written */
  value?: string
  /** where in the source text the problem is */
  span?: Span
  /** the text the span points into, kept so the caret can be drawn later */
  source?: string
  /** extra fields the server adds to the error XML (for example `Key`, `BucketName`) */
  fields?: Record<string, string>
  /** SlowDown: when the client may try again; the server sends it as `Retry-After` */
  retryAfterSeconds?: number
}

export interface ImgErrorOptions extends ErrorDetail {
  cause?: unknown
}

export class ImgError extends Error {
  override readonly name = 'ImgError'
  readonly code: ErrorCode
  readonly status: number
  readonly detail: ErrorDetail

  constructor(code: ErrorCode, message?: string, options: ImgErrorOptions = {}) {
    const { cause, ...detail } = options
    super(message ?? ERROR_CODES[code].message, cause === undefined ? undefined : { cause })
    this.code = code
    this.status = ERROR_CODES[code].status
    this.detail = detail
  }

  /** The source line with a caret under the span, or '' when there is no span. */
  fragment(): string {
    const { span, source } = this.detail
    if (!span || source === undefined) return ''
    const width = Math.max(1, span.end - span.start)
    return `${source}\n${' '.repeat(span.start)}${'^'.repeat(width)}`
  }

  /** One line for logs and the CLI: `InvalidArgument: The value: 0 of parameter: w is invalid.` */
  toLine(): string {
    return `${this.code}: ${this.message}`
  }
}

export function isImgError(value: unknown): value is ImgError {
  return value instanceof ImgError
}

/** OSS's message form for an out-of-range or malformed value. */
export function invalidArgument(argument: string, value: string, options: ImgErrorOptions = {}): ImgError {
  return new ImgError('InvalidArgument', `The value: ${value} of parameter: ${argument} is invalid.`, {
    argument,
    value,
    ...options,
  })
}

/** Wraps any thrown value at a package boundary; ImgErrors pass through unchanged. */
export function toImgError(value: unknown, code: ErrorCode = 'InternalError', message?: string): ImgError {
  if (value instanceof ImgError) return value
  return new ImgError(code, message, { cause: value })
}
