/**
 * The whole thumbnail (2725x2225 JPEG -> 720 wide JPEG Q80) through `engine.process`, before and
 * after issue 13's resampler work, interleaved run by run: before = the TypeScript passes at the
 * former gap 1.25 and the decode's partial blocks kept (no `extract` given, so the run skips the
 * whole-block crop); TypeScript passes at gap 2 with the crop (the new quality, old speed); after =
 * the default engine (SIMD kernels, gap 2, crop).
 */
import { createEngine, type Engine } from '../../packages/engine/src/index.js'
import { resample } from '../../packages/ops/src/resample/resample.js'

const PROCESS = 'image/resize,w_720/quality,Q_80'

export function engineVariants(): Array<[string, Engine]> {
  return [
    ['before: TypeScript passes, gap 1.25, partial blocks kept', createEngine({
      pixels: { extract: undefined, resize: (image, size) => resample(image, size.width, size.height, { shrinkGap: 1.25, simd: false }) },
    })],
    ['TypeScript passes, gap 2, whole blocks', createEngine({
      pixels: { resize: (image, size) => resample(image, size.width, size.height, { shrinkGap: 2, simd: false }) },
    })],
    ['after: default engine (SIMD kernels, gap 2, whole blocks)', createEngine()],
  ]
}

/** Median ms of each variant, `runs` runs after 2 warm-ups, variants alternating. */
export async function timeEngines(jpeg: Uint8Array, runs: number): Promise<Array<{ name: string; ms: number }>> {
  const variants = engineVariants()
  const samples = variants.map(() => [] as number[])
  for (let i = 0; i < 2; i++) for (const [, engine] of variants) await engine.process(jpeg, PROCESS)
  for (let i = 0; i < runs; i++) {
    for (const [v, [, engine]] of variants.entries()) {
      const start = performance.now()
      await engine.process(jpeg, PROCESS)
      samples[v]!.push(performance.now() - start)
    }
  }
  return variants.map(([name], v) => ({ name, ms: [...samples[v]!].sort((a, b) => a - b)[runs >> 1]! }))
}
