/**
 * PNG iCCP: profile name (1-79 bytes), NUL, compression method 0, then the zlib-compressed
 * profile. Inflated in small steps so that a compression bomb stops at MAX_PROFILE_BYTES
 * instead of filling memory.
 */
import { concatBytes } from '@imgproc/types'
import { Unzlib } from 'fflate'
import { MAX_PROFILE_BYTES } from './profile-header.js'

/** Input fed per step: deflate expands at most ~1032x, so one step adds at most ~1 MB. */
const STEP = 1024

/** The profile inside an iCCP chunk body, or undefined when the chunk is malformed or too large. */
export function iccpProfile(body: Uint8Array): Uint8Array | undefined {
  const nul = body.indexOf(0)
  if (nul < 1 || nul > 79 || body[nul + 1] !== 0) return undefined
  const parts: Uint8Array[] = []
  let total = 0
  const inflater = new Unzlib({}, (data) => {
    total += data.length
    if (total <= MAX_PROFILE_BYTES) parts.push(data)
  })
  const compressed = body.subarray(nul + 2)
  try {
    for (let at = 0; at < compressed.length && total <= MAX_PROFILE_BYTES; at += STEP) {
      const end = Math.min(at + STEP, compressed.length)
      inflater.push(compressed.subarray(at, end), end === compressed.length)
    }
  } catch {
    return undefined
  }
  if (total === 0 || total > MAX_PROFILE_BYTES) return undefined
  return concatBytes(parts)
}
