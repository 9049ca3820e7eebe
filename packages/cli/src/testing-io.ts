import { concatBytes } from '@imgproc/types'
import type { Io } from './io.js'

/** An Io that records what a command writes (for the CLI's own tests). */
export function captureIo(stdinBytes?: Uint8Array): Io & { out: () => string; err: () => string; outBytes: () => Uint8Array } {
  const out: Uint8Array[] = []
  let err = ''
  const encoder = new TextEncoder()
  return {
    stdin: (async function* () {
      if (stdinBytes) yield stdinBytes
    })(),
    stdout: { write: (chunk: Uint8Array | string) => out.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
    out: () => new TextDecoder().decode(concatBytes(out)),
    outBytes: () => concatBytes(out),
    err: () => err,
  }
}

