import { takePixels, type RawImage } from '@imgproc/types'
import { KERNELS_WASM_BASE64 } from './kernels-wasm.js'

/** What the SIMD128 kernels module (native/simd: resample.c, filters.c) exports; pointers are byte offsets. */
export interface SimdExports {
  readonly memory: WebAssembly.Memory
  readonly __heap_base: WebAssembly.Global
  resample_rows(src: number, srcW: number, height: number, dst: number, dstW: number, starts: number, groups: number, weights: number): void
  resample_columns(src: number, rowBytes: number, dst: number, dstH: number, starts: number, counts: number, pairs: number, weights: number): void
  box_shrink(src: number, width: number, height: number, fx: number, fy: number, dst: number, sums: number, premultiplied: number): void
  premultiply(src: number, dst: number, pixels: number): void
  unpremultiply(data: number, pixels: number): void
  has_transparency(data: number, pixels: number): number
  blur_rows(src: number, width: number, height: number, mid: number, padded: number, radius: number, groups: number, weights: number): void
  blur_columns(mid: number, width: number, height: number, dst: number, radius: number, pairs: number, weights: number): void
  sharpen(src: number, width: number, height: number, dst: number, vsum: number, k: number): void
}

/**
 * Memory kept between calls. WebAssembly memory cannot shrink, and fresh memory is slow to touch
 * (page faults: a blur of the 2725x2225 photo spent 2 s of its 2.7 s first touching a new 121 MB
 * on the shared benchmark machine, 0.7 s in all with the memory kept), so the instance keeps what
 * it grew to, as the codecs' WebAssembly heaps do. Only past this size is it dropped after the call,
 * so one giant image does not pin its memory for the life of the process.
 */
const KEEP_BYTES = 256 << 20
const PAGE = 65536

/** undefined: not tried yet; null: this runtime cannot run it (no SIMD, no WebAssembly, compile refused). */
let compiled: WebAssembly.Module | null | undefined
let instance: SimdExports | undefined

function moduleBytes(): Uint8Array {
  const text = atob(KERNELS_WASM_BASE64)
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
  return bytes
}

/**
 * The compiled module, compiled on first use. Compiled synchronously because `resample` is
 * synchronous; where that is refused (a browser's main thread limits synchronous compiles to 4 KB,
 * and the module is a little larger) it is compiled asynchronously instead and the TypeScript
 * passes, which give the same bytes, run until it is ready. Workers refuse compiling bytes at
 * all (`WebAssembly.validate` still answers), so they keep the TypeScript passes.
 */
function simdModule(): WebAssembly.Module | undefined {
  if (compiled !== undefined) return compiled ?? undefined
  compiled = null
  if (typeof WebAssembly !== 'object' || typeof atob !== 'function') return undefined
  const bytes = moduleBytes()
  // false where the engine lacks SIMD128 (or bulk memory): nothing to try
  if (!WebAssembly.validate(bytes)) return undefined
  try {
    compiled = new WebAssembly.Module(bytes)
  } catch {
    WebAssembly.compile(bytes).then((module) => { compiled = module }, () => undefined)
  }
  return compiled ?? undefined
}

/** True when the SIMD kernels can run now (compiling the module on the first call). */
export function simdAvailable(): boolean {
  return simdModule() !== undefined
}

/** An instance being made asynchronously, where a synchronous one was refused. */
let instantiating: Promise<void> | undefined

/**
 * A fresh instance, synchronously. A browser's main thread refuses that for modules over 4 KB as
 * it does the compile: then one is made asynchronously for later calls, and this call takes the
 * TypeScript passes (the same bytes).
 */
function instantiate(module: WebAssembly.Module): SimdExports | undefined {
  try {
    return new WebAssembly.Instance(module, {}).exports as unknown as SimdExports
  } catch {
    instantiating ??= WebAssembly.instantiate(module, {}).then(
      (made) => { instance ??= made.exports as unknown as SimdExports },
      () => undefined,
    ).finally(() => { instantiating = undefined })
    return undefined
  }
}

/**
 * The module's exports with at least `bytes` free from the returned base offset (16-byte aligned),
 * or undefined when the module cannot run here (now) or its memory cannot grow that far.
 */
export function acquireSimd(bytes: number): { simd: SimdExports; base: number } | undefined {
  const module = simdModule()
  if (!module) return undefined
  instance ??= instantiate(module)
  if (!instance) return undefined
  try {
    const base = ((instance.__heap_base.value as number) + 15) & ~15
    const have = instance.memory.buffer.byteLength
    if (base + bytes > have) instance.memory.grow(Math.ceil((base + bytes - have) / PAGE))
    return { simd: instance, base }
  } catch {
    // memory refused (RangeError past the engine's limit): this call takes the TypeScript path
    releaseSimd()
    return undefined
  }
}

/** Typed views over the module's memory assume a little-endian host (every one we target). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

/**
 * Lays buffers out one after another in the module's memory (offsets from `acquireSimd`'s base),
 * each 16-byte aligned with 16 bytes of slack: the kernels' 16-byte loads and stores run past row ends.
 */
export function bufferLayout(): { take(bytes: number): number; readonly size: number } {
  let size = 0
  return {
    take(bytes) {
      const at = size
      size += (bytes + 16 + 15) & ~15
      return at
    },
    get size() { return size },
  }
}

/** The RGBA image at `at` in the module's memory, copied out (set() copies with memcpy; slice() on a clamped array was 30x slower in V8). */
export function copyImageOut(simd: SimdExports, at: number, width: number, height: number): RawImage {
  const data = takePixels(width * height * 4, false)
  data.set(new Uint8ClampedArray(simd.memory.buffer, at, data.length))
  return { width, height, data }
}

/** Ends a call: drops the instance when its memory grew past what is worth keeping. */
export function releaseSimd(): void {
  if (instance && instance.memory.buffer.byteLength > KEEP_BYTES) instance = undefined
}
