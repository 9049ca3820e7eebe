import type { RawImage } from '@imgproc/types'
import { ImgError } from '@imgproc/types'
import type { KernelName } from './kernels.js'
import type { Resampler } from './resampler.js'

/** What the squoosh resize WASM glue exports (the low-level API, which needs no global ImageData). */
interface SquooshResize {
  default(input?: unknown): Promise<unknown>
  resize(input: Uint8Array, iw: number, ih: number, ow: number, oh: number, method: number,
    premultiply: boolean, linearRgb: boolean): Uint8ClampedArray
}

export interface JsquashResamplerOptions {
  /** the WASM (bytes, Module, URL or Response); default: the glue's own lookup next to its JS */
  wasm?: () => unknown | Promise<unknown>
  /** overrides how the glue module is loaded (bundlers, tests) */
  loadGlue?: () => Promise<SquooshResize>
}

/** squoosh method indices: triangle, catrom, mitchell, lanczos3 ('nearest' has no counterpart). */
const METHOD: Record<Exclude<KernelName, 'nearest'>, number> = { bilinear: 0, bicubic: 1, lanczos3: 3 }

/**
 * Adapter over @jsquash/resize (an optional peer dependency), for comparison with our own
 * resampler. The WASM is initialised lazily on the first resize, once, and can be supplied.
 */
export function createJsquashResampler(options: JsquashResamplerOptions = {}): Resampler {
  let ready: Promise<SquooshResize> | undefined
  const init = async (): Promise<SquooshResize> => {
    const glue = await (options.loadGlue?.() ??
      (import('@jsquash/resize/lib/resize/pkg/squoosh_resize.js' as string) as Promise<SquooshResize>))
    await glue.default(options.wasm ? await options.wasm() : undefined)
    return glue
  }
  return {
    name: '@jsquash/resize',
    async resize(image: RawImage, width: number, height: number, kernel: KernelName = 'lanczos3') {
      if (kernel === 'nearest') throw new ImgError('NotImplemented', '@jsquash/resize offers no nearest kernel')
      ready ??= init()
      const glue = await ready
      const src = new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.length)
      const data = glue.resize(src, image.width, image.height, width, height, METHOD[kernel], true, false)
      return { width, height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, width * height * 4) }
    },
  }
}
