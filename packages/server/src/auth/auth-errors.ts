/**
 * The errors authentication raises, worded the way OSS (and OBS/S3) word them, with the extra
 * XML fields the real services add (`StringToSign`, `SignatureProvided`, `OSSAccessKeyId`,
 * `Expires`, `ServerTime`) so a client author can see why a signature failed. None of these
 * fields carries a secret.
 */
import { ImgError } from '@imgproc/types'
import type { AuthDialect } from './types.js'

function accessKeyField(dialect: AuthDialect): string {
  return dialect === 'oss' ? 'OSSAccessKeyId' : dialect === 'aws' ? 'AWSAccessKeyId' : 'AccessKeyId'
}

export function signatureDoesNotMatch(
  dialect: AuthDialect,
  accessKeyId: string,
  stringToSign: string,
  signatureProvided: string,
): ImgError {
  const message =
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.'
  return new ImgError('SignatureDoesNotMatch', message, {
    fields: { StringToSign: stringToSign, SignatureProvided: signatureProvided, [accessKeyField(dialect)]: accessKeyId },
  })
}

export function invalidAccessKeyId(dialect: AuthDialect, accessKeyId: string): ImgError {
  const message =
    dialect === 'oss'
      ? 'The OSS Access Key Id you provided does not exist in our records.'
      : 'The access key Id you provided does not exist in our records.'
  return new ImgError('InvalidAccessKeyId', message, { fields: { [accessKeyField(dialect)]: accessKeyId } })
}

/** A signed URL past its expiry: OSS answers 403 AccessDenied "Request has expired." */
export function requestExpired(expiresAt: Date, now: Date): ImgError {
  return new ImgError('AccessDenied', 'Request has expired.', {
    fields: { Expires: isoSeconds(expiresAt), ServerTime: isoSeconds(now) },
  })
}

export function requestTimeTooSkewed(requestTime: Date, now: Date, maxSkewSeconds: number): ImgError {
  return new ImgError('RequestTimeTooSkewed', undefined, {
    fields: {
      RequestTime: isoSeconds(requestTime),
      ServerTime: isoSeconds(now),
      MaxAllowedSkewMilliseconds: String(maxSkewSeconds * 1000),
    },
  })
}

/** A signature the server cannot even parse (bad Authorization header, bad query parameters). */
export function malformedAuth(message: string, argument?: string, value?: string): ImgError {
  return new ImgError('InvalidArgument', message, { argument, value })
}

/** A request carrying no usable date (header auth needs Date or x-oss-date). */
export function missingDate(message: string): ImgError {
  return new ImgError('AccessDenied', message)
}

function isoSeconds(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'invalid' : date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
