/** Resampling kernels by name: support (half-width in source pixels at scale 1) and the weight function. */
export type KernelName = 'nearest' | 'bilinear' | 'bicubic' | 'lanczos3'

export interface Kernel {
  readonly support: number
  weight(x: number): number
}

function sinc(x: number): number {
  if (x === 0) return 1
  const px = Math.PI * x
  return Math.sin(px) / px
}

/**
 * The weight functions run once per output column/row while weights are built, never per pixel.
 * bicubic is Catmull-Rom (a = -0.5), the cubic sharp and libvips use for `cubic`.
 */
export const KERNELS: Readonly<Record<KernelName, Kernel>> = {
  nearest: { support: 0.5, weight: (x) => (x >= -0.5 && x < 0.5 ? 1 : 0) },
  bilinear: { support: 1, weight: (x) => { const a = Math.abs(x); return a < 1 ? 1 - a : 0 } },
  bicubic: {
    support: 2,
    weight: (x) => {
      const a = Math.abs(x)
      if (a < 1) return 1.5 * a * a * a - 2.5 * a * a + 1
      if (a < 2) return -0.5 * a * a * a + 2.5 * a * a - 4 * a + 2
      return 0
    },
  },
  lanczos3: { support: 3, weight: (x) => (Math.abs(x) < 3 ? sinc(x) * sinc(x / 3) : 0) },
}
