import { ImgError, isImgError } from '@imgproc/types'

/** One part of the smoke suite as a runtime reports it: a value to compare, or a typed error. */
export type PartResult = { ok: true; value: unknown } | { ok: false; code: string; message: string }

export type SmokeReport = { runtime: string; parts: Record<string, PartResult> }

/**
 * Runs one part and turns whatever it throws into a comparable `{code, message}`: an ImgError
 * keeps its code (a runtime that cannot do something says so with NotImplemented), anything else
 * is an InternalError carrying the original text so the driver shows the real cause.
 */
export async function part(parts: Record<string, PartResult>, name: string, body: () => Promise<unknown> | unknown): Promise<void> {
  try {
    parts[name] = { ok: true, value: await body() }
  } catch (error) {
    parts[name] = isImgError(error)
      ? { ok: false, code: error.code, message: error.message }
      : { ok: false, code: 'InternalError', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
  }
}

/** A typed NotImplemented for a part this runtime (or this build) cannot run. */
export function notInThisRuntime(what: string, runtime: string, why: string): ImgError {
  return new ImgError('NotImplemented', `${what} is not available in ${runtime}: ${why}`)
}
