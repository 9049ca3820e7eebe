import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseExif } from './exif.js'

/** Builds a little-endian TIFF/EXIF block from IFD0 entries [tag, type, count, value-bytes]. */
function tiff(entries: Array<[number, number, number, number[]]>, extra: number[] = []): Uint8Array {
  const head = [0x49, 0x49, 42, 0, 8, 0, 0, 0]
  const ifdSize = 2 + entries.length * 12 + 4
  const data: number[] = []
  const ifd: number[] = [entries.length & 255, entries.length >> 8]
  for (const [tag, type, count, value] of entries) {
    ifd.push(tag & 255, tag >> 8, type, 0, count & 255, count >> 8, 0, 0)
    if (value.length <= 4) ifd.push(...value, ...Array(4 - value.length).fill(0))
    else {
      const at = 8 + ifdSize + data.length
      ifd.push(at & 255, (at >> 8) & 255, 0, 0)
      data.push(...value)
    }
  }
  ifd.push(0, 0, 0, 0)
  return new Uint8Array([...head, ...ifd, ...data, ...extra])
}

const le32 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, n >>> 24]
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0)).concat(0)

describe('parseExif', () => {
  it('prints the OSS forms: integers, rationals n/d, trimmed ASCII', () => {
    const { fields, orientation } = parseExif(
      tiff([
        [0x0112, 3, 1, [7, 0]],
        [0x011a, 5, 1, [...le32(96), ...le32(1)]],
        [0x0128, 3, 1, [2, 0]],
        [0x0131, 2, 10, ascii('Photo 6.1')],
        [0x0132, 2, 20, ascii('2015:02:11 15:38:27')],
      ]),
    )
    expect(orientation).toBe(7)
    expect(fields).toEqual({ Orientation: '7', XResolution: '96/1', ResolutionUnit: '2', Software: 'Photo 6.1', DateTime: '2015:02:11 15:38:27' })
  })

  it('treats orientation 0 or > 8 as 1', () => {
    expect(parseExif(tiff([[0x0112, 3, 1, [0, 0]]])).orientation).toBe(1)
    expect(parseExif(tiff([[0x0112, 3, 1, [9, 0]]])).orientation).toBe(1)
  })

  it('accepts the Exif\\0\\0 prefix and reads GPS refs as words', () => {
    // IFD0 with a GPS pointer to an IFD right after it
    const gpsAt = 8 + 2 + 12 + 4
    // GPS IFD: 2 entries — GPSLatitudeRef ASCII 'N', GPSVersionID BYTE[4] 2 2 0 0 — then no next IFD
    const gpsIfd = [2, 0, 1, 0, 2, 0, 2, 0, 0, 0, 0x4e, 0, 0, 0, 0, 0, 1, 0, 4, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0]
    const block = tiff([[0x8825, 4, 1, le32(gpsAt)]], gpsIfd)
    const { fields } = parseExif(new Uint8Array([...ascii('Exif'), 0, ...block]))
    expect(fields.GPSTag).toBe(String(gpsAt))
    expect(fields.GPSLatitudeRef).toBe('North')
    expect(fields.GPSVersionID).toBe('2 2 0 0')
  })

  it('never throws on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (tail, big) => {
        const block = new Uint8Array([...(big ? [0x4d, 0x4d, 0, 42] : [0x49, 0x49, 42, 0]), ...tail])
        const { orientation } = parseExif(block)
        expect(orientation).toBeGreaterThanOrEqual(1)
        expect(orientation).toBeLessThanOrEqual(8)
      }),
      { numRuns: 3000 },
    )
  })
})
