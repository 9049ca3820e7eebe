/**
 * FNV-1a over bytes, as 8 hex digits. Used to compare pixels and encoded bytes across runtimes
 * without shipping the bytes themselves back to the driver. Pure arithmetic (Math.imul), so every
 * runtime computes the same value for the same bytes.
 */
export function fnv1a(bytes: ArrayLike<number>): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < bytes.length; i++) {
    hash ^= bytes[i]
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0')
}
