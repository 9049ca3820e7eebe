/**
 * Every file of ../shared/corpus/MANIFEST.tsv: probed and decoded to the manifest's size, or
 * refused with the typed error listed here. Skipped (with a note) when the corpus is absent.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ImgError } from '@imgproc/types'
import { beforeAll, describe, expect, it } from 'vitest'
import { decode, probe, readExif } from './index.js'
import { initNode } from './node.js'

const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url))
const present = existsSync(`${corpus}MANIFEST.tsv`)
if (!present) console.warn(`codecs corpus tests skipped: ${corpus} is absent`)

/** Files that must be refused, and how. Everything else must decode to the manifest size. */
const REFUSED: Readonly<Record<string, { code: string; message: RegExp; probes?: boolean }>> = {
  'jpeg/ljt-monkey12.jpg': { code: 'NotImplemented', message: /12-bit JPEG/, probes: true },
  'jpeg/sharp-testimgl.jpg': { code: 'NotImplemented', message: /Lossless JPEG/, probes: true },
  'jpeg/sharp-giant-image.jpg': { code: 'ImageTooLarge', message: /280000000 pixels/, probes: true },
  'jpeg/sharp-truncated.jpg': { code: 'BadRequest', message: /Premature end of JPEG file/, probes: true },
  'jpeg/sharp-corrupt-header.jpg': { code: 'BadRequest', message: /no frame header/ },
  'png/pngsuite-xcsn0g01.png': { code: 'BadRequest', message: /bad CRC/, probes: true },
  'png/sharp-65536-uint32-limit.png': { code: 'ImageTooLarge', message: /65536x65536/, probes: true },
  'png/wuffs-hippopotamus.regular.truncated.png': { code: 'BadRequest', message: /runs past the end/, probes: true },
  'gif/wuffs-hippopotamus.interlaced.truncated.gif': { code: 'BadRequest', message: /GIF image is damaged/, probes: true },
  'gif/pillow-decompression_bomb.gif': { code: 'ImageTooLarge', message: /GIF frame declares/, probes: true },
  'avif/vips-17000x17000.avif': { code: 'ImageTooLarge', message: /289000000 pixels/, probes: true },
}

/** Frame counts and orientations the headers must report. */
const FRAMES: Readonly<Record<string, number>> = {
  'png/wuffs-muybridge.apng': 15,
  'webp/sharp-rotating-squares.webp': 9,
  'gif/wuffs-muybridge.gif': 15,
}
const DECODED_FRAMES: Readonly<Record<string, number>> = { 'webp/sharp-rotating-squares.webp': 9, 'gif/wuffs-muybridge.gif': 15 }

interface Row {
  path: string
  format: string
  width: number
  height: number
  notes: string
}

function manifest(): Row[] {
  if (!present) return []
  return readFileSync(`${corpus}MANIFEST.tsv`, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [path, , , , format, width, height, notes] = line.split('\t')
      return { path: path!, format: format!, width: Number(width), height: Number(height), notes: notes ?? '' }
    })
}

describe.skipIf(!present)('corpus', () => {
  beforeAll(() => initNode())
  const rows = manifest()

  it('lists every refused file in the manifest', () => {
    const paths = new Set(rows.map((row) => row.path))
    for (const path of Object.keys(REFUSED)) expect(paths.has(path), path).toBe(true)
  })

  for (const row of rows) {
    const refused = REFUSED[row.path]
    it(`${row.path}: ${refused ? `refused with ${refused.code}` : `${row.width}x${row.height}`}`, async () => {
      const bytes = new Uint8Array(readFileSync(corpus + row.path))
      if (!refused || refused.probes) {
        const header = probe(bytes)
        expect([header.format, header.width, header.height]).toEqual([row.format, row.width, row.height])
        expect(header.frames).toBe(FRAMES[row.path] ?? 1)
        const orientation = /exif orientation (\d)\b|EXIF orientation (\d)|orientation (\d) in/i.exec(row.notes)
        if (orientation) expect(header.orientation).toBe(Number(orientation[1] ?? orientation[2] ?? orientation[3]))
      }
      if (refused) {
        const error = await decode(bytes).catch((e: unknown) => e)
        expect(error).toBeInstanceOf(ImgError)
        expect((error as ImgError).code).toBe(refused.code)
        expect((error as ImgError).message).toMatch(refused.message)
        return
      }
      const decoded = await decode(bytes)
      expect([decoded.image.width, decoded.image.height]).toEqual([row.width, row.height])
      expect(decoded.image.data.length).toBe(row.width * row.height * 4)
      expect(decoded.frames?.length ?? 1).toBe(DECODED_FRAMES[row.path] ?? 1)
    })
  }

  it('refuses the 65536x65536 PNG and the 17000x17000 AVIF from the header, growing memory by < 100 MB', async () => {
    for (const path of ['png/sharp-65536-uint32-limit.png', 'avif/vips-17000x17000.avif']) {
      const bytes = new Uint8Array(readFileSync(corpus + path))
      const before = process.memoryUsage()
      const error = await decode(bytes).catch((e: unknown) => e)
      const after = process.memoryUsage()
      expect((error as ImgError).code).toBe('ImageTooLarge')
      expect(after.rss - before.rss).toBeLessThan(100 * 2 ** 20)
      expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(100 * 2 ** 20)
    }
  })

  it('reads EXIF fields in OSS string forms from JPEG and WebP, none from PNG', () => {
    const read = (path: string) => readExif(new Uint8Array(readFileSync(corpus + path)))
    expect(read('jpeg/recurser-Landscape_6.jpg').Orientation).toBe('6')
    expect(read('webp/pillow-hopper_orientation_6.webp').Orientation).toBe('6')
    const vips = read('jpeg/vips-sample.jpg')
    expect(vips.Orientation).toBe('1')
    expect(vips.XResolution).toMatch(/^\d+\/\d+$/)
    expect(read('png/imgproxy-orientation-6.png')).toEqual({})
    const flower = read('webp/pillow-flower2.webp')
    expect(flower.Software).toBe('Adobe Photoshop CS6 (Macintosh)')
    expect(flower.ImageWidth).toBeUndefined()
    // the EXIF-less demo image has no EXIF; its JFIF density (which OSS's info prints, spec 2.15) is the engine's to add
    expect(read('oss/aliyunpy-example.jpg')).toEqual({})
  })

  it('estimates the OSS demo image at IJG quality 82 (spec 2.12)', () => {
    expect(probe(new Uint8Array(readFileSync(`${corpus}oss/aliyunpy-example.jpg`))).quality).toBe(82)
  })

  it('decodes the CMYK (YCCK) JPEG to plausible colours, not an inverted image', async () => {
    const { image } = await decode(new Uint8Array(readFileSync(`${corpus}jpeg/sharp-Channel_digital_image_CMYK_color.jpg`)))
    let sum = 0
    for (let i = 0; i < image.data.length; i += 4) sum += image.data[i]! + image.data[i + 1]! + image.data[i + 2]!
    const mean = sum / (image.width * image.height * 3)
    // sharp renders this file with mean ~ 110-140; an un-inverted CMYK decode lands far from that
    expect(mean).toBeGreaterThan(60)
    expect(mean).toBeLessThan(200)
  })
})
