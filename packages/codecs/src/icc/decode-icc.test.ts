/**
 * Embedded profiles through the real decoders: PNG iCCP and JPEG APP2 made here (our encoders plus
 * a synthetic profile), then the corpus' wide-gamut and channel-swapping files against sharp,
 * which applies embedded profiles with LittleCMS.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { zlibSync } from 'fflate'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RawImage } from '@imgproc/types'
import { pngChunk } from '../png.fixture.js'
import { decode, encode, probe } from '../index.js'
import { initNode } from '../node.js'
import { gradient, psnr } from '../testing.js'
import { embedInJpeg, rgbProfile, ROTATED_COLORANTS, seenThroughRotated, SRGB_COLORANTS } from './synthetic-profiles.js'

const ROTATED_PROFILE = rgbProfile('rotated', ROTATED_COLORANTS)

function withPngChunk(png: Uint8Array, type: string, body: Uint8Array): Uint8Array {
  const afterIhdr = 8 + 25
  return Uint8Array.from([...png.subarray(0, afterIhdr), ...pngChunk(type, body), ...png.subarray(afterIhdr)])
}

beforeAll(() => initNode())

describe('embedded ICC profiles on decode', () => {
  it('PNG iCCP: converted to sRGB by default, left alone with ignoreIcc', async () => {
    const source = gradient(48, 32, true)
    const iccp = Uint8Array.from([...new TextEncoder().encode('rotated'), 0, 0, ...zlibSync(ROTATED_PROFILE)])
    const png = withPngChunk(await encode(source, 'png'), 'iCCP', iccp)
    expect(probe(png).hasIcc).toBe(true)
    const managed = await decode(png)
    expect(psnr(managed.image, seenThroughRotated(source), true)).toBeGreaterThanOrEqual(40)
    const raw = await decode(png, { ignoreIcc: true })
    expect(Array.from(raw.image.data)).toEqual(Array.from(source.data))
  })

  it('JPEG APP2: the chunks are joined in sequence order and applied', async () => {
    const jpeg = embedInJpeg(await encode(gradient(64, 48), 'jpeg', { quality: 95 }), ROTATED_PROFILE, 3)
    expect(probe(jpeg).hasIcc).toBe(true)
    const raw = await decode(jpeg, { ignoreIcc: true })
    const managed = await decode(jpeg)
    expect(psnr(managed.image, seenThroughRotated(raw.image))).toBeGreaterThanOrEqual(40)
  })

  it('an sRGB profile changes nothing', async () => {
    const jpeg = embedInJpeg(await encode(gradient(32, 32), 'jpeg'), rgbProfile('sRGB', SRGB_COLORANTS), 1)
    expect(Array.from((await decode(jpeg)).image.data)).toEqual(Array.from((await decode(jpeg, { ignoreIcc: true })).image.data))
  })
})

const corpus = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url))
const hasCorpus = existsSync(`${corpus}MANIFEST.tsv`)
if (!hasCorpus) console.warn(`ICC corpus comparisons skipped: ${corpus} is absent`)

describe.skipIf(!hasCorpus)('corpus files with profiles, against sharp (LittleCMS)', () => {
  it.each([
    ['jpeg/widegamut-rgb-to-gbr-test.jpg', 45],
    ['jpeg/widegamut-P3-sRGB-color-bars.jpg', 38],
    ['jpeg/vips-sample.jpg', 45],
    ['png/sharp-p3.png', 38],
    ['jpeg/sharp-concert.jpg', 40],
  ])('%s: at least %i dB from sharp, and closer than the unconverted pixels', async (file, minPsnr) => {
    const bytes = new Uint8Array(readFileSync(corpus + file))
    const { data, info } = await sharp(bytes).toColourspace('srgb').ensureAlpha().raw().toBuffer({ resolveWithObject: true })
    const reference: RawImage = { width: info.width, height: info.height, data: new Uint8ClampedArray(data) }
    const managed = await decode(bytes)
    const raw = await decode(bytes, { ignoreIcc: true })
    const ours = psnr(managed.image, reference)
    expect(ours).toBeGreaterThanOrEqual(minPsnr)
    expect(ours).toBeGreaterThan(psnr(raw.image, reference))
  })
})
