/**
 * JFIF APP0 density (units, x, y) from a JPEG header — the only resolution example.jpg carries,
 * and what OSS prints as ResolutionUnit/XResolution/YResolution for it (spec 2.15). Header bytes
 * only; anything malformed gives undefined.
 */
export function jfifDensity(bytes: Uint8Array): { units: number; x: number; y: number } | undefined {
  if (bytes.length < 20 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined
  let p = 2
  while (p + 4 <= bytes.length && bytes[p] === 0xff) {
    const marker = bytes[p + 1]!
    const length = (bytes[p + 2]! << 8) | bytes[p + 3]!
    if (marker === 0xda || marker === 0xd9 || length < 2) return undefined
    const body = p + 4
    if (marker === 0xe0 && length >= 16 && body + 12 <= bytes.length &&
      bytes[body] === 0x4a && bytes[body + 1] === 0x46 && bytes[body + 2] === 0x49 && bytes[body + 3] === 0x46 && bytes[body + 4] === 0) {
      return {
        units: bytes[body + 7]!,
        x: (bytes[body + 8]! << 8) | bytes[body + 9]!,
        y: (bytes[body + 10]! << 8) | bytes[body + 11]!,
      }
    }
    p += 2 + length
  }
  return undefined
}
