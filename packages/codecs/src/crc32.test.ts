import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { crc32 } from './crc32.js'

/** The textbook bit-at-a-time CRC-32, the reference the table-driven one must equal. */
function bitwise(bytes: Uint8Array, start: number, end: number, seed: number): number {
  let c = (seed ^ 0xffffffff) >>> 0
  for (let i = start; i < end; i++) {
    c ^= bytes[i]!
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  }
  return (c ^ 0xffffffff) >>> 0
}

describe('crc32', () => {
  it('gives the check value of CRC-32/ISO-HDLC for "123456789"', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
    expect(crc32(new Uint8Array(0))).toBe(0)
  })

  it('equals the bit-at-a-time CRC over any range and seed, so chunk CRCs can be chained (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 0xffffffff }), (bytes, a, b, seed) => {
        const start = bytes.length ? a % (bytes.length + 1) : 0
        const end = start + (bytes.length - start ? b % (bytes.length - start + 1) : 0)
        expect(crc32(bytes, start, end, seed)).toBe(bitwise(bytes, start, end, seed))
        expect(crc32(bytes, end, bytes.length, crc32(bytes, start, end))).toBe(crc32(bytes, start))
      }),
    )
  })
})
