/**
 * The thumbnail task's fidelity per pre-shrink gap: the engine's `image/resize,w_720` of the
 * 2725x2225 photo (shrink-on-load as by default), written as PNG so the resampled pixels come out
 * unchanged, against sharp's `resize(720)` (lanczos3, its own shrink-on-load) on raw pixels (PSNR over R, G, B).
 */
import sharp from 'sharp'
import { decode } from '../../packages/codecs/src/index.js'
import { createEngine } from '../../packages/engine/src/index.js'
import { psnr } from '../../packages/codecs/src/testing.js'
import type { RawImage } from '../../packages/types/src/index.js'

export interface GapRow { gap: number; shrinkOnLoad: boolean; db: number }

export async function thumbnailPsnr(jpeg: Uint8Array, gaps: number[]): Promise<GapRow[]> {
  const ref = await sharp(jpeg).resize(720).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  const reference: RawImage = { width: ref.info.width, height: ref.info.height, data: new Uint8ClampedArray(ref.data) }
  const rows: GapRow[] = []
  for (const shrinkOnLoad of [true, false]) {
    for (const gap of gaps) {
      const engine = createEngine({ resampleGap: gap, shrinkOnLoad })
      const result = await engine.process(jpeg, 'image/resize,w_720/format,png')
      if (result.kind !== 'image') throw new Error('expected an image')
      const { image } = await decode(result.bytes)
      rows.push({ gap, shrinkOnLoad, db: psnr(image, reference) })
    }
  }
  return rows
}
