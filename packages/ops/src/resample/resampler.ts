import type { RawImage } from '@imgproc/types'
import type { KernelName } from './kernels.js'
import { resample } from './resample.js'

/** A pluggable resize implementation, so alternatives (e.g. @jsquash/resize) can be compared. */
export interface Resampler {
  readonly name: string
  resize(image: RawImage, width: number, height: number, kernel?: KernelName): RawImage | Promise<RawImage>
}

/** Our own separable fixed-point resampler: the WebAssembly SIMD128 kernels where the runtime runs them. */
export const builtinResampler: Resampler = {
  name: 'imgproc',
  resize: (image, width, height, kernel) => resample(image, width, height, { kernel }),
}

/** The same resampler on its TypeScript passes only (the reference the SIMD kernels equal byte for byte). */
export const scalarResampler: Resampler = {
  name: 'imgproc (TypeScript passes)',
  resize: (image, width, height, kernel) => resample(image, width, height, { kernel, simd: false }),
}
