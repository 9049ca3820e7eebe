import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { RawImage } from '@imgproc/types'
import { psnr } from '../psnr.js'
import type { KernelName } from './kernels.js'
import { resample } from './resample.js'

// Reference comparison with sharp (libvips), whose reduce kernels correspond to ours. Thresholds
// sit a few dB under what was measured (in brackets) so a real regression fails, noise does not.
const PHOTO = fileURLToPath(new URL('../../../../../shared/corpus/bench/sharp-2569067123_aca715a2ee_o.jpg', import.meta.url))
const hasCorpus = existsSync(PHOTO)
if (!hasCorpus) console.warn(`[ops resample reference] SKIPPED: corpus photo missing at ${PHOTO}`)

const CASES: { kernel: KernelName; sharpKernel: 'lanczos3' | 'cubic' | 'linear' | 'nearest'; width: number; height: number; gap: number; min: number }[] = [
  // downscale 3.75x like for like (libvips' gap 2, our default): [56.6 dB]
  { kernel: 'lanczos3', sharpKernel: 'lanczos3', width: 240, height: 200, gap: 2, min: 52 },
  // gap 1, the former default (box 3 then lanczos3 1.25x): [46.4 dB]
  { kernel: 'lanczos3', sharpKernel: 'lanczos3', width: 240, height: 200, gap: 1, min: 42 },
  // Catmull-Rom, 2.5x down: [57.6 dB]
  { kernel: 'bicubic', sharpKernel: 'cubic', width: 360, height: 300, gap: 2, min: 53 },
  // triangle, 2.5x down: [56.4 dB]
  { kernel: 'bilinear', sharpKernel: 'linear', width: 360, height: 300, gap: 2, min: 52 },
  // lanczos3 upscale 1.6x: [40.2 dB]
  { kernel: 'lanczos3', sharpKernel: 'lanczos3', width: 1440, height: 1200, gap: 2, min: 37 },
]

describe.skipIf(!hasCorpus)('resample against sharp (PSNR)', async () => {
  const { data, info } = hasCorpus
    ? await sharp(PHOTO).extract({ left: 800, top: 600, width: 900, height: 750 }).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
    : { data: Buffer.alloc(4), info: { width: 1, height: 1 } }
  const image: RawImage = { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) }

  for (const c of CASES) {
    it(`${c.kernel} ${image.width}x${image.height} -> ${c.width}x${c.height} (gap ${c.gap}) is within ${c.min} dB of sharp's ${c.sharpKernel}`, async () => {
      const theirs = await sharp(data, { raw: { width: image.width, height: image.height, channels: 4 } })
        .resize(c.width, c.height, { kernel: c.sharpKernel, fit: 'fill' })
        .raw()
        .toBuffer()
      const ours = resample(image, c.width, c.height, { kernel: c.kernel, shrinkGap: c.gap })
      const db = psnr(ours, { width: c.width, height: c.height, data: new Uint8ClampedArray(theirs.buffer, theirs.byteOffset, theirs.length) })
      console.log(`[ops resample reference] ${c.kernel} gap ${c.gap} -> ${c.width}x${c.height}: ${db.toFixed(1)} dB`)
      expect(db).toBeGreaterThan(c.min)
    })
  }
})
