import { describe, expect, it } from 'vitest'
import { fnv1a } from './checksum.js'

describe('fnv1a', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a(new Uint8Array())).toBe('811c9dc5')
    expect(fnv1a(new TextEncoder().encode('a'))).toBe('e40c292c')
    expect(fnv1a(new TextEncoder().encode('foobar'))).toBe('bf9cf968')
  })
  it('tells apart inputs that differ in one byte', () => {
    expect(fnv1a(Uint8ClampedArray.of(1, 2, 3))).not.toBe(fnv1a(Uint8ClampedArray.of(1, 2, 4)))
  })
})
