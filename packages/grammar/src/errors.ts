/**
 * Builders for the grammar's errors: always `ImgError` with an OSS code, the OSS message form, the
 * span of the offending text and the source (so `error.fragment()` draws the caret).
 */
import { ImgError, type ErrorCode } from '@imgproc/types'

export interface Where {
  source: string
  start: number
  end: number
}

export function syntaxError(code: ErrorCode, message: string, where: Where, argument?: string, value?: string): ImgError {
  return new ImgError(code, message, {
    span: { start: where.start, end: where.end },
    source: where.source,
    ...(argument === undefined ? {} : { argument }),
    ...(value === undefined ? {} : { value }),
  })
}

/** `The value: <v> of parameter: <p> is invalid.` (+ `reason:<text>` as OSS appends it) */
export function invalidValue(argument: string, value: string, where: Where, reason?: string): ImgError {
  const message = `The value: ${value} of parameter: ${argument} is invalid.${reason ? `reason:${reason}` : ''}`
  return syntaxError('InvalidArgument', message, where, argument, value)
}

/** `The value of parameter: <p> is missing.` — OSS does not publish this message; our wording. */
export function missingValue(argument: string, where: Where): ImgError {
  return syntaxError('MissingArgument', `The value of parameter: ${argument} is missing.`, where, argument)
}

/** Base64 that does not decode; the message is the one OSS documents for this case. */
export function notBase64(argument: string, value: string, where: Where): ImgError {
  return syntaxError('BadRequest', 'Input is not base64 decoding.', where, argument, value)
}
