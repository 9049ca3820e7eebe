import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseExif } from './exif.js'
import { ascii, byte, exifBlock, long, rational, short, type ExifBlockSpec, type ExifEntry } from './exif.fixture.js'

/** a little-endian block (the other tests' blocks are big-endian, as f.jpg's) */
const le = (ifd0: ExifEntry[], rest: Omit<ExifBlockSpec, 'ifd0'> = {}) => exifBlock({ ifd0, littleEndian: true, ...rest })

describe('parseExif', () => {
  it('prints the OSS forms: integers, rationals n/d, trimmed ASCII', () => {
    const { fields, orientation } = parseExif(
      le([short(0x0112, 7), rational(0x011a, [96, 1]), short(0x0128, 2), ascii(0x0131, 'Photo 6.1'), ascii(0x0132, '2015:02:11 15:38:27')]),
    )
    expect(orientation).toBe(7)
    expect(fields).toEqual({
      Orientation: '7', XResolution: '96/1', ResolutionUnit: '2', Software: 'Photo 6.1', DateTime: '2015:02:11 15:38:27',
    })
  })

  it('treats orientation 0 or > 8 as 1', () => {
    expect(parseExif(le([short(0x0112, 0)])).orientation).toBe(1)
    expect(parseExif(le([short(0x0112, 9)])).orientation).toBe(1)
  })

  it('accepts the Exif\\0\\0 prefix and reads GPS refs as words', () => {
    const block = le([], { gps: [ascii(0x0001, 'N'), byte(0x0000, 2, 2, 0, 0)] })
    const { fields } = parseExif(new Uint8Array([...new TextEncoder().encode('Exif\0\0'), ...block]))
    expect(fields.GPSTag).toBe(String(8 + 2 + 12 + 4))
    expect(fields.GPSLatitudeRef).toBe('North')
    expect(fields.GPSVersionID).toBe('2 2 0 0')
  })

  it('reads the thumbnail IFD1: Compression and where the thumbnail is (spec 2.15, f.jpg)', () => {
    const thumbnail = Uint8Array.of(0xff, 0xd8, 1, 2, 3, 0xff, 0xd9)
    const block = exifBlock({
      ifd0: [short(0x0112, 1)],
      ifd1: [short(0x0103, 6), rational(0x011a, [72, 1]), short(0x0128, 2)],
      thumbnail,
    })
    const { fields } = parseExif(block)
    expect(fields).toMatchObject({ Orientation: '1', Compression: '6', JPEGInterchangeFormatLength: '7' })
    expect(Object.keys(fields).sort()).toEqual(['Compression', 'JPEGInterchangeFormat', 'JPEGInterchangeFormatLength', 'Orientation'])
    const at = Number(fields.JPEGInterchangeFormat)
    expect(Array.from(block.subarray(at, at + 7))).toEqual(Array.from(thumbnail))
  })

  it('lets IFD0 win over IFD1 and never takes the orientation from IFD1', () => {
    const { fields, orientation } = parseExif(le([short(0x0103, 1)], { ifd1: [short(0x0103, 6), short(0x0112, 8)] }))
    expect(fields).toEqual({ Compression: '1' })
    expect(orientation).toBe(1)
  })

  it('leaves IFD1 alone when told it is a TIFF page, and survives an IFD1 pointer to itself or past the end', () => {
    expect(parseExif(le([short(0x0112, 3)], { ifd1: [short(0x0103, 5)] }), { thumbnailIfd: false }).fields).toEqual({ Orientation: '3' })
    const loop = le([short(0x0112, 3)])
    new DataView(loop.buffer).setUint32(8 + 2 + 12, 8, true)
    expect(parseExif(loop).fields).toEqual({ Orientation: '3' })
    new DataView(loop.buffer).setUint32(8 + 2 + 12, 1 << 20, true)
    expect(parseExif(loop).fields).toEqual({ Orientation: '3' })
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

describe('exifBlock (the test writer) keeps long values out of line', () => {
  it('round-trips LONG and long ASCII values', () => {
    const { fields } = parseExif(exifBlock({ ifd0: [ascii(0x010f, 'A maker name longer than four'), long(0x0201, 1234)] }))
    expect(fields).toEqual({ Make: 'A maker name longer than four', JPEGInterchangeFormat: '1234' })
  })
})
