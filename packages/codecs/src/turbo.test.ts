/**
 * The libjpeg-turbo WASM path: shrink-on-load sizes and fidelity, the fast encoder's round trip,
 * option plumbing through the JPEG codec, and damaged input -> typed BadRequest.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ImgError, type RawImage } from '@imgproc/types'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { jpegCodec } from './formats/jpeg.js'
import { initNode } from './node.js'
import { psnr } from './testing.js'
import { jpegScaleDenom, turboJpeg } from './turbo.js'

beforeAll(() => initNode())

/** A photo-like test image: smooth gradients plus mid-frequency texture (seeded, deterministic). */
function textured(width: number, height: number): RawImage {
  const data = new Uint8ClampedArray(width * height * 4)
  let seed = 12345
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      const noise = ((seed >>> 16) & 15) - 8
      const wave = 40 * Math.sin(x / 7) * Math.cos(y / 11)
      const i = (y * width + x) * 4
      data[i] = (x / width) * 200 + wave + noise
      data[i + 1] = (y / height) * 200 - wave + noise
      data[i + 2] = 128 + 60 * Math.sin((x + y) / 23) + noise
      data[i + 3] = 255
    }
  }
  return { width, height, data }
}

/** Averages denom x denom blocks (partial blocks at the right/bottom edges over what exists). */
function boxShrink(image: RawImage, denom: number): RawImage {
  const width = Math.ceil(image.width / denom)
  const height = Math.ceil(image.height / denom)
  const data = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sums = [0, 0, 0, 0]
      let count = 0
      for (let sy = y * denom; sy < Math.min(image.height, (y + 1) * denom); sy++) {
        for (let sx = x * denom; sx < Math.min(image.width, (x + 1) * denom); sx++) {
          const i = (sy * image.width + sx) * 4
          for (let c = 0; c < 4; c++) sums[c]! += image.data[i + c]!
          count++
        }
      }
      for (let c = 0; c < 4; c++) data[(y * width + x) * 4 + c] = sums[c]! / count
    }
  }
  return { width, height, data }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  )
}

describe('jpegScaleDenom', () => {
  it('picks the largest of 8, 4, 2 that still covers the minimum, else 1', () => {
    expect(jpegScaleDenom(2725, 2225)).toBe(1)
    expect(jpegScaleDenom(2725, 2225, 720)).toBe(2) // ceil(2725 / 4) = 682 < 720
    expect(jpegScaleDenom(2725, 2225, 682)).toBe(4)
    expect(jpegScaleDenom(2725, 2225, 100, 100)).toBe(8)
    expect(jpegScaleDenom(2725, 2225, undefined, 600)).toBe(2)
    expect(jpegScaleDenom(100, 100, 5000, 5000)).toBe(1)
    expect(jpegScaleDenom(100, 100, 0, Number.NaN)).toBe(1)
  })

  it('always covers the minimum when the image is big enough, and the next step would not (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30000 }), fc.integer({ min: 1, max: 30000 }), fc.integer({ min: 1, max: 30000 }), fc.integer({ min: 1, max: 30000 }), (w, h, minW, minH) => {
        const denom = jpegScaleDenom(w, h, minW, minH)
        if (denom > 1) {
          expect(Math.ceil(w / denom)).toBeGreaterThanOrEqual(minW)
          expect(Math.ceil(h / denom)).toBeGreaterThanOrEqual(minH)
        }
        if (denom < 8) {
          const next = denom * 2
          expect(Math.ceil(w / next) >= minW && Math.ceil(h / next) >= minH).toBe(false)
        }
      }),
    )
  })
})

describe('libjpeg-turbo decode with DCT scaling', () => {
  const source = textured(203, 149) // sizes not divisible by 8: ceil() at every scale
  let jpeg: Uint8Array
  let full: RawImage
  beforeAll(async () => {
    jpeg = await jpegCodec.encode(source, { quality: 95 })
    full = (await jpegCodec.decode(jpeg)).image
  })

  it.each([2, 4, 8])('1/%i gives ceil(w/n) x ceil(h/n), within 30 dB of a full decode box-shrunk', async (denom) => {
    const minWidth = Math.ceil(203 / denom)
    const { image } = await jpegCodec.decode(jpeg, { minWidth })
    expect([image.width, image.height]).toEqual([Math.ceil(203 / denom), Math.ceil(149 / denom)])
    expect(image.data.length).toBe(image.width * image.height * 4)
    expect(psnr(image, boxShrink(full, denom))).toBeGreaterThanOrEqual(30)
  })

  it('decodes full size when no minimum is given or the minimum is the full size', async () => {
    expect((await jpegCodec.decode(jpeg)).image.width).toBe(203)
    expect((await jpegCodec.decode(jpeg, { minWidth: 203, minHeight: 149 })).image.height).toBe(149)
  })

  it('a scaled decode of a neutral grey source stays neutral (R = G = B within 2) with alpha 255', async () => {
    const turbo = await turboJpeg()
    const grey = textured(40, 24)
    for (let i = 0; i < grey.data.length; i += 4) grey.data[i + 1] = grey.data[i + 2] = grey.data[i]!
    // (1-component grey files are decoded by the corpus test; our encoder always writes YCbCr)
    const { image } = turbo.decode(turbo.encode(grey, 90, false), 2)
    expect([image.width, image.height]).toEqual([20, 12])
    for (let i = 0; i < image.data.length; i += 4) {
      expect(Math.abs(image.data[i]! - image.data[i + 1]!)).toBeLessThanOrEqual(2)
      expect(image.data[i + 3]).toBe(255)
    }
  })
})

describe('libjpeg-turbo encode (the JPEG default)', () => {
  const source = textured(160, 120)

  it('round-trips at >= 35 dB for quality 90, baseline by default, progressive on request', async () => {
    const baseline = await jpegCodec.encode(source, { quality: 90 })
    expect(jpegCodec.probe(baseline)).toMatchObject({ width: 160, height: 120, progressive: false })
    expect(psnr((await jpegCodec.decode(baseline)).image, source)).toBeGreaterThanOrEqual(35)
    const progressive = await jpegCodec.encode(source, { quality: 90, progressive: true })
    expect(jpegCodec.probe(progressive).progressive).toBe(true)
    expect(psnr((await jpegCodec.decode(progressive)).image, source)).toBeGreaterThanOrEqual(35)
  })

  it('writes IJG tables, so probe() reads the quality back', async () => {
    for (const quality of [30, 75, 90]) {
      const q = jpegCodec.probe(await jpegCodec.encode(source, { quality })).quality!
      expect(Math.abs(q - quality)).toBeLessThanOrEqual(1)
    }
  })

  it('keeps mozjpeg (progressive, trellis) behind optimize: true', async () => {
    const fast = await jpegCodec.encode(source, { quality: 80 })
    const small = await jpegCodec.encode(source, { quality: 80, optimize: true })
    expect(fast).not.toEqual(small)
    expect(jpegCodec.probe(small).progressive).toBe(true)
    expect(psnr((await jpegCodec.decode(small)).image, source)).toBeGreaterThanOrEqual(30)
  })

  it('encodes 1x1 and odd sizes', async () => {
    for (const [w, h] of [[1, 1], [17, 3], [3, 17]] as const) {
      const { image } = await jpegCodec.decode(await jpegCodec.encode(textured(w, h)))
      expect([image.width, image.height]).toEqual([w, h])
    }
  })
})

describe('damaged input', () => {
  let jpeg: Uint8Array
  beforeAll(async () => {
    jpeg = await jpegCodec.encode(textured(64, 48), { quality: 85 })
  })

  it('a truncated file is refused as BadRequest (not grey-filled)', async () => {
    const error = await rejection(jpegCodec.decode(jpeg.subarray(0, Math.floor(jpeg.length * 0.7)), { minWidth: 16 }))
    expect(error).toBeInstanceOf(ImgError)
    expect((error as ImgError).code).toBe('BadRequest')
  })

  it('any truncation or bit flip either decodes to the header size or throws a typed ImgError (property)', async () => {
    const turbo = await turboJpeg()
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: jpeg.length }), fc.integer({ min: 0, max: jpeg.length - 1 }), fc.integer({ min: 1, max: 255 }), fc.constantFrom(1, 2, 4, 8), async (cut, at, flip, denom) => {
        const damagedBytes = jpeg.slice(0, Math.max(cut, 3))
        if (at < damagedBytes.length) damagedBytes[at]! ^= flip
        const result: RawImage | unknown = await jpegCodec.decode(damagedBytes, { minWidth: Math.ceil(64 / denom) }).then(
          ({ image }): RawImage => image,
          (error: unknown) => error,
        )
        if (result instanceof Error) expect(result).toBeInstanceOf(ImgError)
        else {
          const image = result as RawImage
          expect(image.data.length).toBe(image.width * image.height * 4)
        }
      }),
      { numRuns: 300 },
    )
    // the module is still usable after all those failures
    expect(turbo.decode(jpeg, 1).image.width).toBe(64)
  })
})

const photo = fileURLToPath(new URL('../../../../shared/corpus/bench/sharp-2569067123_aca715a2ee_o.jpg', import.meta.url))
const hasPhoto = existsSync(photo)
if (!hasPhoto) console.warn(`turbo corpus test skipped: ${photo} is absent`)

describe.skipIf(!hasPhoto)('shrink-on-load on a real photo', () => {
  it('2725x2225 decoded for >= 720 wide is 1363x1113 and matches a full decode box-shrunk', async () => {
    const bytes = new Uint8Array(readFileSync(photo))
    const full = (await jpegCodec.decode(bytes)).image
    const { image } = await jpegCodec.decode(bytes, { minWidth: 720 })
    expect([image.width, image.height]).toEqual([1363, 1113])
    expect(psnr(image, boxShrink(full, 2))).toBeGreaterThanOrEqual(30)
  })
})

const corpusJpeg = fileURLToPath(new URL('../../../../shared/corpus/jpeg/', import.meta.url))
const hasArithmetic = existsSync(`${corpusJpeg}ljt-testimgari.jpg`) && existsSync(`${corpusJpeg}ljt-testorig.jpg`)
if (!hasArithmetic) console.warn(`arithmetic JPEG test skipped: ${corpusJpeg}ljt-testimgari.jpg is absent`)

describe.skipIf(!hasArithmetic)('arithmetic-coded JPEG', () => {
  it("decodes libjpeg-turbo's testimgari.jpg to the same pixels as its Huffman-coded twin testorig.jpg, scaled too", async () => {
    const arithmetic = new Uint8Array(readFileSync(`${corpusJpeg}ljt-testimgari.jpg`))
    const huffman = new Uint8Array(readFileSync(`${corpusJpeg}ljt-testorig.jpg`))
    for (const minWidth of [undefined, 57]) {
      const a = (await jpegCodec.decode(arithmetic, { minWidth })).image
      const b = (await jpegCodec.decode(huffman, { minWidth })).image
      expect([a.width, a.height]).toEqual([b.width, b.height])
      expect(psnr(a, b)).toBeGreaterThanOrEqual(45)
    }
  })
})
