import type { Reference } from './run.js'

/**
 * The scoring reference made of imgproc's own tested code: its decoders (first frame, EXIF
 * orientation not applied, as every peer here leaves it), its lanczos3 resampler for targets of
 * resized outputs, and its PSNR.
 */
export async function imgprocReference(): Promise<Reference> {
  const { initNode } = await import('@imgproc/codecs/node')
  await initNode()
  const { decode } = await import('@imgproc/codecs')
  const { psnr, resample } = await import('@imgproc/ops')
  return {
    decode: async (bytes) => (await decode(bytes, { firstFrameOnly: true })).image,
    resize: (image, width, height) => resample(image, width, height, { kernel: 'lanczos3' }),
    psnr,
  }
}
