/**
 * How close our CMYK/YCCK JPEG decode is to sharp's (libvips + LittleCMS, which imports CMYK
 * without a profile through libvips' built-in CMYK profile): PSNR of the decoded sRGB over RGB,
 * per input, and the decode time (median of RUNS after a warm-up). Inputs: the corpus' YCCK file
 * with its U.S. Web Coated (SWOP) profile and without it, CMYK JPEGs sharp writes from two corpus
 * photos (with its profile, without, and without APP14 too), and the patch files of
 * packages/codecs/src/formats/jpeg-cmyk.fixture.ts. Prints a Markdown table.
 *
 *   RUNS=5 pnpm exec tsx benchmarks/cmyk-psnr.ts
 *   CODECS_SRC=/path/to/another/packages/codecs/src pnpm exec tsx benchmarks/cmyk-psnr.ts   # e.g. an older tree
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import sharp from 'sharp'
import type { RawImage } from '../packages/types/src/index.js'
import { cmykJpeg, withoutSegments, type Ink } from '../packages/codecs/src/formats/jpeg-cmyk.fixture.js'
import { probeJpeg } from '../packages/codecs/src/probe/jpeg.js'
import { psnr } from '../packages/codecs/src/testing.js'
import { median } from './timing.js'

const RUNS = Number(process.env.RUNS ?? 5)
const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url))
const codecsSrc = process.env.CODECS_SRC ?? fileURLToPath(new URL('../packages/codecs/src/', import.meta.url))
const { decode } = (await import(pathToFileURL(`${codecsSrc}/index.ts`).href)) as typeof import('../packages/codecs/src/index.js')
const { initNode } = (await import(pathToFileURL(`${codecsSrc}/node.ts`).href)) as typeof import('../packages/codecs/src/node.js')

const PATCHES: Ink[] = [
  [0, 0, 0, 0], [255, 0, 0, 0], [0, 255, 0, 0], [0, 0, 255, 0], [0, 0, 0, 255], [0, 255, 255, 0], [255, 0, 255, 0],
  [255, 255, 0, 0], [0, 0, 0, 128], [100, 50, 20, 10], [255, 255, 255, 255], [40, 40, 40, 0],
]

async function inputs(): Promise<Array<[string, Uint8Array]>> {
  const ycck = new Uint8Array(readFileSync(`${corpus}jpeg/sharp-Channel_digital_image_CMYK_color.jpg`))
  const list: Array<[string, Uint8Array]> = [
    ['corpus YCCK 500x333, embedded SWOP profile', ycck],
    ['corpus YCCK 500x333, profile removed', withoutSegments(ycck, 'icc')],
  ]
  for (const photo of ['vips-sample.jpg', 'recurser-Landscape_1.jpg']) {
    const made = new Uint8Array(await sharp(`${corpus}jpeg/${photo}`).toColourspace('cmyk').jpeg({ quality: 92 }).toBuffer())
    const header = probeJpeg(made)
    const size = `${header.width}x${header.height}`
    list.push([`sharp CMYK of ${photo} ${size}${header.icc ? ', its profile' : ''}`, made])
    if (header.icc) list.push([`sharp CMYK of ${photo} ${size}, profile removed`, withoutSegments(made, 'icc')])
    list.push([`sharp CMYK of ${photo} ${size}, no profile, no APP14`, withoutSegments(withoutSegments(made, 'icc'), 'adobe')])
  }
  for (const kind of ['cmyk', 'ycck'] as const) {
    list.push([`${PATCHES.length} patches (fixture), ${kind}, no profile`, cmykJpeg({ width: 16 * PATCHES.length, height: 16, block: (bx) => PATCHES[bx >> 1]!, kind })])
  }
  return list
}

async function main(): Promise<void> {
  await initNode()
  console.log(`decoder: ${codecsSrc}\n`)
  console.log('| input | PSNR vs sharp (dB) | decode (ms) |')
  console.log('|---|---:|---:|')
  for (const [name, bytes] of await inputs()) {
    const { data, info } = await sharp(bytes).toColourspace('srgb').ensureAlpha().raw().toBuffer({ resolveWithObject: true })
    const reference: RawImage = { width: info.width, height: info.height, data: new Uint8ClampedArray(data) }
    let ours: RawImage
    try {
      ours = (await decode(bytes)).image
    } catch (error) {
      console.log(`| ${name} | refused: ${(error as Error).message} | |`)
      continue
    }
    const ms = await median(() => decode(bytes), RUNS)
    const db = psnr(ours, reference)
    console.log(`| ${name} | ${db === Infinity ? 'identical' : db.toFixed(1)} | ${ms.toFixed(1)} |`)
  }
}

await main()
