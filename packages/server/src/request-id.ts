/**
 * Request ids in the OSS shape: 24 upper-case hex characters (12 random bytes). They appear in
 * `x-oss-request-id` (and `x-obs-request-id` / `x-amz-request-id`) and in every error body, so a
 * client's error can be matched with the server log line.
 */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  let out = ''
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0')
  return out.toUpperCase()
}
