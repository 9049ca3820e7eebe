/**
 * libjpeg-turbo 3.2.0 with our SIMD128 kernels, compiled to WebAssembly (native/libjpeg-turbo): JPEG decode with DCT-domain
 * scaling (1/2, 1/4, 1/8: shrink-on-load, what libvips and sharp do) and a fast baseline or
 * progressive encoder (IJG tables, optimised Huffman, no trellis). 4-component files (CMYK, YCCK)
 * come out as CMYK samples for formats/jpeg-cmyk.ts to convert. Loaded like the other codecs'
 * WASM (wasm.ts), under the file name `libjpeg_turbo.wasm`.
 */
import createLibjpegTurbo, { type LibjpegTurboModule } from './wasm/libjpeg_turbo.js'
import { emscripten } from './jsquash.js'
import { takePixels, type RawImage } from '@imgproc/types'

/** The DCT scale denominators libjpeg decodes fastest (its reduced-size IDCTs). */
export const JPEG_SCALE_DENOMS = [1, 2, 4, 8] as const
export type JpegScaleDenom = (typeof JPEG_SCALE_DENOMS)[number]

/** A failed call: libjpeg's own message (error_exit) for the adapter to type. */
export class TurboFailure extends Error {}

export interface TurboDecoded {
  /** RGBA; for a 4-component file (CMYK, YCCK) libjpeg's CMYK samples as stored instead (see `cmyk`) */
  image: RawImage
  /** true when `image.data` holds CMYK samples (4 bytes a pixel, not inverted, no profile applied) */
  cmyk: boolean
  /** the first libjpeg warning ("Premature end of JPEG file", "Corrupt JPEG data: ..."), or '' */
  warning: string
}

export interface TurboJpeg {
  /** `turns`: clockwise quarter turns applied while decoding (the size returned is the turned one) */
  decode(bytes: Uint8Array, denom: JpegScaleDenom, turns?: 0 | 1 | 2 | 3): TurboDecoded
  encode(image: RawImage, quality: number, progressive: boolean): Uint8Array
}

// Layout of ij_state_t in imgproc_jpeg.c: six 32-bit fields, then two 200-byte C strings.
const TEXT_MAX = 200
const MESSAGE_OFFSET = 24
const WARNING_OFFSET = MESSAGE_OFFSET + TEXT_MAX
const text = new TextDecoder()

function readText(heap: Uint8Array, at: number): string {
  const end = heap.indexOf(0, at)
  return text.decode(heap.subarray(at, end < 0 || end > at + TEXT_MAX ? at + TEXT_MAX : end))
}

/** Copies `bytes` into the WASM heap, runs `call(pointer)`, and frees the copy whatever happens. */
function withCopy<T>(wasm: LibjpegTurboModule, bytes: Uint8Array | Uint8ClampedArray, call: (pointer: number) => T): T {
  const pointer = wasm._ij_malloc(bytes.length)
  if (!pointer) throw new TurboFailure(`out of WebAssembly memory for ${bytes.length} bytes`)
  try {
    wasm.HEAPU8.set(bytes, pointer)
    return call(pointer)
  } finally {
    wasm._ij_free(pointer)
  }
}

/** Takes the call's output (state.out, state.out_len) out of the heap and frees it there. */
function takeOutput<T extends Uint8Array | Uint8ClampedArray>(wasm: LibjpegTurboModule, state: number, allocate: (length: number) => T): T {
  const out = wasm.HEAPU32[state >>> 2]!
  const length = wasm.HEAPU32[(state >>> 2) + 1]!
  const copy = allocate(length)
  copy.set(wasm.HEAPU8.subarray(out, out + length))
  wasm._ij_free(out)
  return copy
}

function failure(wasm: LibjpegTurboModule, state: number): TurboFailure {
  return new TurboFailure(readText(wasm.HEAPU8, state + MESSAGE_OFFSET) || 'libjpeg-turbo failed without a message')
}

function bind(wasm: LibjpegTurboModule): TurboJpeg {
  const state = wasm._ij_state()
  return {
    decode(bytes, denom, turns = 0) {
      const failed = withCopy(wasm, bytes, (pointer) => wasm._ij_decode(pointer, bytes.length, denom, turns))
      if (failed) throw failure(wasm, state)
      // read the size before takeOutput frees anything; HEAP views are re-read after each call
      // because ALLOW_MEMORY_GROWTH may have replaced the buffer
      const width = wasm.HEAP32[(state >>> 2) + 2]!
      const height = wasm.HEAP32[(state >>> 2) + 3]!
      const components = wasm.HEAP32[(state >>> 2) + 4]!
      const warning = readText(wasm.HEAPU8, state + WARNING_OFFSET)
      // decoded pixels come from the pool (types' pixel-pool.ts): the engine recycles them
      const data = takeOutput(wasm, state, (length) => takePixels(length, false))
      return { image: { width, height, data }, cmyk: components === 4, warning }
    },
    encode(image, quality, progressive) {
      const failed = withCopy(wasm, image.data, (pointer) => wasm._ij_encode(pointer, image.width, image.height, quality, progressive ? 1 : 0))
      if (failed) throw failure(wasm, state)
      return takeOutput(wasm, state, (length) => new Uint8Array(length))
    },
  }
}

// wasm.ts finds libjpeg_turbo.wasm (beside the code: dist/, or src/wasm in a checkout) and hands the
// compiled module to the glue, which the build bundles like the rest of the package.
const loadModule = emscripten<LibjpegTurboModule>('libjpeg_turbo.wasm', createLibjpegTurbo)
let bound: TurboJpeg | undefined

/** The libjpeg-turbo module, initialised on first use (see wasm.ts for where the .wasm comes from). */
export async function turboJpeg(): Promise<TurboJpeg> {
  if (!bound) bound = bind(await loadModule())
  return bound
}

/**
 * The largest denominator (8, 4, 2, else 1) whose decoded size, ceil(side / denom) as libjpeg
 * computes it, still covers minWidth x minHeight. No minimum asked -> 1 (full size).
 */
export function jpegScaleDenom(width: number, height: number, minWidth?: number, minHeight?: number): JpegScaleDenom {
  const wantW = minWidth !== undefined && Number.isFinite(minWidth) && minWidth > 0 ? minWidth : undefined
  const wantH = minHeight !== undefined && Number.isFinite(minHeight) && minHeight > 0 ? minHeight : undefined
  if (wantW === undefined && wantH === undefined) return 1
  for (const denom of [8, 4, 2] as const) {
    if ((wantW === undefined || Math.ceil(width / denom) >= wantW) && (wantH === undefined || Math.ceil(height / denom) >= wantH)) return denom
  }
  return 1
}
