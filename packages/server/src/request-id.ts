/**
 * Request ids in the OSS shape: 24 upper-case hex characters (12 random bytes). They appear in
 * `x-oss-request-id` (and `x-obs-request-id` / `x-amz-request-id`) and in every error body, so a
 * client's error can be matched with the server log line.
 *
 * Every request, a refused one included, gets one, so they are cheap: random bytes are drawn 4 KiB
 * at a time (one `getRandomValues` per 341 ids) and hex is looked up, not formatted.
 */
const ID_BYTES = 12
const POOL_BYTES = 4092
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0').toUpperCase())
const pool = new Uint8Array(POOL_BYTES)
let at = POOL_BYTES

export function newRequestId(): string {
  if (at + ID_BYTES > POOL_BYTES) {
    crypto.getRandomValues(pool)
    at = 0
  }
  let out = ''
  for (let i = at; i < at + ID_BYTES; i++) out += HEX[pool[i]!]
  at += ID_BYTES
  return out
}
