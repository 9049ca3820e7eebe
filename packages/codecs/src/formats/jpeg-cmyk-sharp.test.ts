/**
 * CMYK and YCCK JPEGs against sharp, decoded at test time (no expected images are stored): sharp
 * imports CMYK through the file's profile or, without one, libvips' built-in CMYK profile, with
 * LittleCMS. Skipped, with a warning, where sharp (a devDependency) is not installed; the corpus
 * cases also need ../shared/corpus. Measured: 62-63 dB on every input (benchmarks/cmyk-psnr.ts,
 * where the decoder before this change scored 15-24 dB).
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RawImage } from '@imgproc/types'
import { decode, encode, probe } from '../index.js'
import { initNode } from '../node.js'
import { gradient, psnr } from '../testing.js'
import { cmykJpeg, withoutSegments, type Ink } from './jpeg-cmyk.fixture.js'

const sharp = await import('sharp').then((module) => module.default).catch(() => undefined)
if (!sharp) console.warn('CMYK comparisons with sharp skipped: sharp is not installed')
const corpus = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url))
const hasCorpus = existsSync(`${corpus}MANIFEST.tsv`)
if (sharp && !hasCorpus) console.warn(`CMYK corpus comparisons with sharp skipped: ${corpus} is absent`)

const MIN_DB = 55

async function sharpSrgb(bytes: Uint8Array): Promise<RawImage> {
  const { data, info } = await sharp!(bytes).toColourspace('srgb').ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  return { width: info.width, height: info.height, data: new Uint8ClampedArray(data) }
}

beforeAll(() => initNode())

describe.skipIf(!sharp)('CMYK JPEGs against sharp', () => {
  it('a CMYK JPEG sharp writes (no profile): within the floor, with and without APP14', async () => {
    const png = await encode(gradient(256, 192), 'png')
    const cmyk = new Uint8Array(await sharp!(png).toColourspace('cmyk').jpeg({ quality: 92 }).toBuffer())
    expect(probe(cmyk)).toMatchObject({ colorType: 'cmyk', hasIcc: false })
    for (const bytes of [cmyk, withoutSegments(cmyk, 'adobe')]) {
      expect(psnr((await decode(bytes)).image, await sharpSrgb(bytes))).toBeGreaterThanOrEqual(MIN_DB)
    }
  })

  it('patch files (CMYK and YCCK): every pixel within 2 levels of sharp', async () => {
    const inks: Ink[] = [[0, 0, 0, 0], [255, 0, 0, 0], [0, 255, 0, 0], [0, 0, 255, 0], [0, 0, 0, 255], [30, 60, 90, 20], [255, 255, 255, 255]]
    for (const kind of ['cmyk', 'ycck'] as const) {
      const jpeg = cmykJpeg({ width: 8 * inks.length, height: 8, block: (bx) => inks[bx]!, kind })
      const ours = (await decode(jpeg)).image.data
      const theirs = (await sharpSrgb(jpeg)).data
      let worst = 0
      for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - theirs[i]!))
      expect(worst, kind).toBeLessThanOrEqual(2)
    }
  })
})

describe.skipIf(!sharp || !hasCorpus)('the corpus YCCK JPEG against sharp', () => {
  const file = () => new Uint8Array(readFileSync(`${corpus}jpeg/sharp-Channel_digital_image_CMYK_color.jpg`))

  it('with its U.S. Web Coated (SWOP) profile', async () => {
    const bytes = file()
    expect(probe(bytes)).toMatchObject({ colorType: 'ycck', hasIcc: true })
    expect(psnr((await decode(bytes)).image, await sharpSrgb(bytes))).toBeGreaterThanOrEqual(MIN_DB)
  })

  it('with the profile removed: libvips\' standard CMYK profile on both sides', async () => {
    const bytes = withoutSegments(file(), 'icc')
    expect(probe(bytes).hasIcc).toBe(false)
    expect(psnr((await decode(bytes)).image, await sharpSrgb(bytes))).toBeGreaterThanOrEqual(MIN_DB)
  })
})
