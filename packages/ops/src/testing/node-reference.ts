import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { RawImage } from '@imgproc/types'
import sharp from 'sharp'

/** The shared corpus photo used by the reference comparisons (never copied into the repo). */
export const corpusPhoto = fileURLToPath(new URL('../../../../../shared/corpus/bench/sharp-2569067123_aca715a2ee_o.jpg', import.meta.url))
export const hasCorpus = existsSync(corpusPhoto)
if (!hasCorpus) console.warn(`ops reference tests skipped: corpus photo not found at ${corpusPhoto}`)

sharp.concurrency(1)

/** The corpus photo decoded by sharp to RGBA, scaled to `width` to keep the tests fast. */
export async function loadPhoto(width: number): Promise<RawImage> {
  const { data, info } = await sharp(corpusPhoto).resize(width).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) }
}

/** Runs a sharp pipeline on a RawImage and returns RGBA. */
export async function viaSharp(image: RawImage, build: (s: sharp.Sharp) => sharp.Sharp): Promise<RawImage> {
  const input = sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length),
    { raw: { width: image.width, height: image.height, channels: 4 } })
  const { data, info } = await build(input).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) }
}
