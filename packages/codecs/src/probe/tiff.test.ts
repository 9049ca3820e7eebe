import { ImgError, type ProbeResult } from '@imgproc/types'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { byte, exifBlock, long, short, type ExifEntry } from '../exif.fixture.js'
import { encodeTiff, readTiffWithUtif } from '../formats/tiff-utif.js'
import { probeTiff, tiffHeader } from './tiff.js'

/** The header as the decoder sees it: UTIF's own reading of the first directory. */
function utifHeader(bytes: Uint8Array): ProbeResult {
  const { ifd } = readTiffWithUtif(bytes)
  return tiffHeader((n) => ifd[`t${n}`], bytes.length)
}

/** Both readings succeed with the same header, or both refuse the file as damaged. */
function outcome(read: () => ProbeResult): ProbeResult | string {
  try {
    return read()
  } catch (error) {
    if (error instanceof ImgError) return error.code
    throw error
  }
}

function rgba(width: number, height: number) {
  return { width, height, data: new Uint8ClampedArray(width * height * 4).map((_, i) => (i * 37) & 255) }
}

describe('probeTiff (without UTIF)', () => {
  it('reads what UTIF reads from files UTIF writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), (width, height) => {
        const tiff = encodeTiff(rgba(width, height))
        expect(probeTiff(tiff)).toEqual(utifHeader(tiff))
        expect(probeTiff(tiff)).toMatchObject({ format: 'tiff', width, height, colorType: 'rgba', hasAlpha: true })
      }),
      { numRuns: 30 },
    )
  })

  it('agrees with UTIF on damaged files: the same header, or BadRequest from both', () => {
    const tiff = encodeTiff(rgba(6, 5))
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 299 }), fc.nat({ max: 255 })), { minLength: 1, maxLength: 6 }), (flips) => {
        const damagedCopy = tiff.slice()
        for (const [at, value] of flips) damagedCopy[at % damagedCopy.length] = value
        expect(outcome(() => probeTiff(damagedCopy))).toEqual(outcome(() => utifHeader(damagedCopy)))
      }),
      { numRuns: 400 },
    )
  })

  const entry = fc.oneof(
    fc.record({ tag: fc.constantFrom(256, 257, 258, 262, 273, 274, 277, 279, 338, 34675, 700), type: fc.constantFrom('short', 'long', 'byte'), n: fc.integer({ min: 0, max: 4 }), value: fc.nat({ max: 70000 }) }),
  )
  it('agrees with UTIF on directories of any value type, byte order and count', () => {
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.tag, minLength: 1, maxLength: 11 }), fc.boolean(), (entries, littleEndian) => {
        const ifd0: ExifEntry[] = entries.map(({ tag, type, n, value }) => {
          const values = Array.from({ length: n }, (_, i) => (value + i) % (type === 'byte' ? 256 : type === 'short' ? 65536 : 1 << 30))
          return type === 'short' ? short(tag, ...values) : type === 'long' ? long(tag, ...values) : byte(tag, ...values)
        })
        const file = exifBlock({ ifd0, littleEndian })
        expect(outcome(() => probeTiff(file))).toEqual(outcome(() => utifHeader(file)))
      }),
      { numRuns: 300 },
    )
  })

  it('refuses a chain of directories that loops back, which UTIF would walk forever', () => {
    const tiff = encodeTiff(rgba(4, 4))
    const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength)
    const littleEndian = tiff[0] === 0x49
    const ifd0 = view.getUint32(4, littleEndian)
    view.setUint32(ifd0 + 2 + view.getUint16(ifd0, littleEndian) * 12, ifd0, littleEndian)
    expect(() => probeTiff(tiff)).toThrow(/loops back/)
    expect(() => readTiffWithUtif(tiff)).toThrow(/loops back/)
  })
})
