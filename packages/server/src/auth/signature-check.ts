/**
 * The one place a computed signature meets the provided one. Every scheme hands over the
 * string(s) to sign it accepts, how to sign them, and the provided signature already decoded
 * to bytes (null when it was not even valid base64/hex). The comparison is constant-time.
 */
import { signatureDoesNotMatch } from './auth-errors.js'
import type { AuthDialect } from './types.js'
import { constantTimeEqual } from './web-crypto.js'

export interface SignatureCheck {
  /** strings to sign that are all legitimate encodings of this request; the first is reported on failure */
  candidates: readonly string[]
  sign(stringToSign: string): Promise<Uint8Array>
  provided: Uint8Array | null
  /** the signature as the client wrote it, echoed in the error */
  providedText: string
  dialect: AuthDialect
  accessKeyId: string
}

/** Resolves when one candidate's signature equals the provided one; throws SignatureDoesNotMatch otherwise. */
export async function assertSignature(check: SignatureCheck): Promise<void> {
  let matched = false
  for (const candidate of check.candidates) {
    const expected = await check.sign(candidate)
    if (check.provided !== null && constantTimeEqual(expected, check.provided)) matched = true
  }
  if (!matched) {
    throw signatureDoesNotMatch(check.dialect, check.accessKeyId, check.candidates[0] ?? '', check.providedText)
  }
}
