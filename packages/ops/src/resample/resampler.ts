import type { RawImage } from '@imgproc/types'
import type { KernelName } from './kernels.js'
import { resample } from './resample.js'

/** A pluggable resize implementation, so alternatives (e.g. @jsquash/resize) can be compared. */
export interface Resampler {
  readonly name: string
  resize(image: RawImage, width: number, height: number, kernel?: KernelName): RawImage | Promise<RawImage>
}

/** Our own separable fixed-point resampler. */
export const builtinResampler: Resampler = {
  name: 'imgproc',
  resize: (image, width, height, kernel) => resample(image, width, height, { kernel }),
}
