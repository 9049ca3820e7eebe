/**
 * `info` against the documentation's own examples: spec 2.15 (OSS: example.jpg without EXIF, f.jpg
 * with EXIF, GPS and a thumbnail IFD) and spec 9.2 (OBS). f.jpg is not in the corpus, so a stand-in
 * with the same EXIF structure is written here: IFD0 (Orientation 7, Software, DateTime), an Exif
 * IFD holding only Windows' padding tag, the GPS IFD, and IFD1 with a JPEG thumbnail.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { ascii, byte, exifBlock, rational, short, withExifApp1 } from '@imgproc/codecs/testing'
import { createEngine } from './engine.js'
import { corpusFile, generatedJpeg, hasCorpus, setupCodecs } from './node-test-fixtures.js'

/** spec 2.15, example.jpg on the 2024–2026 pages */
const OSS_EXAMPLE_JPG = ['FileSize', 'Format', 'FrameCount', 'ImageHeight', 'ImageWidth', 'ResolutionUnit', 'XResolution', 'YResolution']
/** spec 2.15, example.jpg on the 2021 page */
const OSS_EXAMPLE_JPG_2021 = ['FileSize', 'Format', 'ImageHeight', 'ImageWidth']
/** spec 2.15, f.jpg, every key and value as documented */
const OSS_F_JPG: Record<string, string> = {
  Compression: '6', DateTime: '2015:02:11 15:38:27', ExifTag: '2212', FileSize: '23471', Format: 'jpg',
  GPSLatitude: '0deg ', GPSLatitudeRef: 'North', GPSLongitude: '0deg ', GPSLongitudeRef: 'East', GPSMapDatum: 'WGS-84',
  GPSTag: '4292', GPSVersionID: '2 2 0 0', ImageHeight: '333', ImageWidth: '424', JPEGInterchangeFormat: '4518',
  JPEGInterchangeFormatLength: '3232', Orientation: '7', ResolutionUnit: '2',
  Software: 'Microsoft Windows Photo Viewer 6.1.7600.16385', XResolution: '96/1', YResolution: '96/1',
}
/** keys whose documented values are byte offsets and sizes of f.jpg itself; the stand-in has its own */
const LAYOUT_KEYS = ['ExifTag', 'FileSize', 'GPSTag', 'JPEGInterchangeFormat', 'JPEGInterchangeFormatLength']
/** spec 9.2 (HW-DOC 0410): `{"format":"JPEG","height":2000,"size":1046583,"width":2668}`, "plus EXIF when present" */
const OBS_JPEG = ['format', 'height', 'size', 'width']

const engine = createEngine()
let example: Uint8Array
let fJpg: Uint8Array
let thumbnail: Uint8Array

/** f.jpg's JFIF APP0 says 96 dpi (units 1); our encoder writes an aspect-only 1:1 density. */
function withJfifDpi(jpeg: Uint8Array, dpi: number): Uint8Array {
  const out = jpeg.slice()
  if (String.fromCharCode(...out.subarray(6, 10)) !== 'JFIF') throw new Error('expected a JFIF APP0 right after SOI')
  out.set([1, dpi >> 8, dpi & 255, dpi >> 8, dpi & 255], 13)
  return out
}

beforeAll(async () => {
  await setupCodecs()
  example = await generatedJpeg(400, 267)
  thumbnail = await generatedJpeg(160, 126)
  const zero: [number, number][] = [[0, 1], [0, 1], [0, 1]]
  const block = exifBlock({
    ifd0: [short(0x0112, 7), ascii(0x0131, OSS_F_JPG.Software!), ascii(0x0132, OSS_F_JPG.DateTime!)],
    exif: [{ tag: 0xea1c, type: 'undefined', value: new Array<number>(32).fill(0) }],
    gps: [
      byte(0x0000, 2, 2, 0, 0), ascii(0x0001, 'N'), rational(0x0002, ...zero),
      ascii(0x0003, 'E'), rational(0x0004, ...zero), ascii(0x0012, 'WGS-84'),
    ],
    ifd1: [short(0x0103, 6), rational(0x011a, [96, 1]), rational(0x011b, [96, 1]), short(0x0128, 2)],
    thumbnail,
  })
  fJpg = withExifApp1(withJfifDpi(await generatedJpeg(424, 333), 96), block)
})

async function info(bytes: Uint8Array, dialect: 'oss' | 'obs'): Promise<Record<string, unknown>> {
  const result = await engine.process(bytes, 'image/info', { dialect })
  if (result.kind !== 'json') throw new Error('expected JSON')
  return JSON.parse(new TextDecoder().decode(result.bytes)) as Record<string, unknown>
}

describe('OSS info of an EXIF JPEG with a thumbnail IFD (spec 2.15, f.jpg)', () => {
  it('gives every documented value, offsets pointing where the stand-in keeps them', async () => {
    const json = await info(fJpg, 'oss')
    const values = Object.fromEntries(Object.entries(json).map(([k, v]) => [k, (v as { value: string }).value]))
    for (const [key, value] of Object.entries(OSS_F_JPG)) if (!LAYOUT_KEYS.includes(key)) expect(values[key], key).toBe(value)
    expect(values.FileSize).toBe(String(fJpg.length))
    // TIFF layout: header 8, IFD0 of 5 entries (2 + 5*12 + 4) and its 46 + 20 ASCII bytes -> Exif IFD at 140;
    // Exif IFD of 1 entry (18) and 32 padding bytes -> GPS IFD at 190
    expect(values.ExifTag).toBe('140')
    expect(values.GPSTag).toBe('190')
    // IFD1's pointer and length, read back from the file: they frame the thumbnail exactly
    const tiff = fJpg.findIndex((_, i) => String.fromCharCode(...fJpg.subarray(i, i + 6)) === 'Exif\0\0') + 6
    const at = tiff + Number(values.JPEGInterchangeFormat)
    expect(values.JPEGInterchangeFormatLength).toBe(String(thumbnail.length))
    expect(Array.from(fJpg.subarray(at, at + thumbnail.length))).toEqual(Array.from(thumbnail))
  })

  it('has the documented key set plus FrameCount (which the current pages add, see the engine README)', async () => {
    expect(Object.keys(await info(fJpg, 'oss'))).toEqual([...Object.keys(OSS_F_JPG), 'FrameCount'].sort())
  })
})

describe('OSS info key sets of an EXIF-less JPEG (spec 2.15, example.jpg)', () => {
  it('a generated 400x267 JPEG with an aspect-only JFIF density has the 2024–2026 key set, which holds the 2021 one', async () => {
    const keys = Object.keys(await info(example, 'oss'))
    expect(keys).toEqual(OSS_EXAMPLE_JPG)
    expect(keys).toEqual(expect.arrayContaining(OSS_EXAMPLE_JPG_2021))
  })
  it.skipIf(!hasCorpus)('the corpus example.jpg has the 2024–2026 key set', async () => {
    expect(Object.keys(await info(corpusFile('oss/aliyunpy-example.jpg')!, 'oss'))).toEqual(OSS_EXAMPLE_JPG)
  })
})

describe('OBS info key sets (spec 9.2)', () => {
  it('an EXIF-less JPEG has exactly the documented keys: its JFIF density is not EXIF', async () => {
    const json = await info(example, 'obs')
    expect(Object.keys(json)).toEqual(OBS_JPEG)
    expect(json).toEqual({ format: 'JPEG', height: 267, size: example.length, width: 400 })
  })
  it.skipIf(!hasCorpus)('so has the corpus example.jpg', async () => {
    expect(Object.keys(await info(corpusFile('oss/aliyunpy-example.jpg')!, 'obs'))).toEqual(OBS_JPEG)
  })
  it('an EXIF JPEG adds its EXIF tags (our choice of form: OSS names and strings, ASCII order) after the documented keys', async () => {
    const json = await info(fJpg, 'obs')
    // f.jpg's resolution comes from its JFIF APP0 (its IFD0 has none), so OBS does not print it
    const notExif = ['FileSize', 'Format', 'ImageHeight', 'ImageWidth', 'ResolutionUnit', 'XResolution', 'YResolution']
    const fromExif = Object.keys(OSS_F_JPG).filter((k) => !notExif.includes(k))
    expect(Object.keys(json)).toEqual([...OBS_JPEG, ...fromExif])
    expect(json).toMatchObject({ format: 'JPEG', height: 333, width: 424, Orientation: '7', Compression: '6', GPSLatitude: '0deg ' })
  })
})
