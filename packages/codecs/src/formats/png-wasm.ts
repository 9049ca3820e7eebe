/**
 * The PNG pixel module (native/png: our C with libdeflate's inflate and deflate, built for
 * WebAssembly SIMD128), bound for the codec. It works on image data only: the chunks around it
 * are read and written in TypeScript (png-chunks.ts, png-encode.ts). Loaded like the other
 * codecs' WASM (wasm.ts), under the file name `imgproc_png.wasm`.
 */
import { takePixels, type RawImage } from '@imgproc/types'
import createImgprocPng, { type ImgprocPngModule } from '../wasm/imgproc_png.js'
import { emscripten } from '../jsquash.js'

/** A failed call, with the module's message, for the codec to type. */
export class PngWasmFailure extends Error {}

/** The layout of the image data, from IHDR. */
export interface PngLayout {
  width: number
  height: number
  bitDepth: number
  /** IHDR colour type: 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA */
  colourType: number
  interlaced: boolean
}

export interface PngDecodeRequest extends PngLayout {
  /** the IDAT bodies in order (one zlib stream together) */
  idat: Uint8Array[]
  /** 256 RGBA entries, for palette images */
  palette?: Uint8Array
  /** tRNS sample values of grey / RGB images, -1 for none */
  key: readonly [number, number, number]
}

/** What the pixels allow an encoder to write. */
export interface PixelAnalysis {
  opaque: boolean
  /** every pixel has R = G = B */
  grey: boolean
  /** for grey images, the smallest bit depth (1, 2, 4, 8) that holds every grey value exactly */
  greyDepth: number
  /** distinct RGBA values; 257 stands for "more than 256" */
  colours: number
  /** with at most 256 colours: them, RGBA, the non-opaque ones first */
  palette: Uint8Array
}

export interface PngTarget {
  colourType: 0 | 2 | 3 | 4 | 6
  bitDepth: 1 | 2 | 4 | 8
}

export interface EncodedImageData {
  target: PngTarget
  /** the zlib stream for the IDAT chunk */
  zlib: Uint8Array
}

export interface PngWasm {
  decode(request: PngDecodeRequest): Uint8ClampedArray
  /** Analyses the pixels, asks `choose` which colour types to write, and encodes each of them. */
  encode(image: RawImage, level: number, interlace: boolean, choose: (analysis: PixelAnalysis) => PngTarget[]): EncodedImageData[]
}

// Layout of ip_state_t (native/png/imgproc_png.h): six 32-bit fields, 256 palette entries, a message.
const OUT = 0
const FLAGS = 2
const COLOURS = 3
const GREY_DEPTH = 4
const PALETTE_OFFSET = 24
const MESSAGE_OFFSET = PALETTE_OFFSET + 1024
const MESSAGE_MAX = 200
const OPAQUE = 1
const GREY = 2
const text = new TextDecoder()

function failure(wasm: ImgprocPngModule, state: number): PngWasmFailure {
  const at = state + MESSAGE_OFFSET
  const end = wasm.HEAPU8.indexOf(0, at)
  return new PngWasmFailure(text.decode(wasm.HEAPU8.subarray(at, end < 0 || end > at + MESSAGE_MAX ? at + MESSAGE_MAX : end)) || 'the PNG module failed')
}

function allocate(wasm: ImgprocPngModule, size: number): number {
  const pointer = wasm._ip_malloc(Math.max(1, size))
  if (!pointer) throw new PngWasmFailure(`out of WebAssembly memory for ${size} bytes`)
  return pointer
}

/** Takes the call's output (state.out, state.out_len) out of the heap and frees it there. */
function takeOutput<T extends Uint8Array | Uint8ClampedArray>(wasm: ImgprocPngModule, state: number, allocate: (length: number) => T): T {
  const out = wasm.HEAPU32[(state >>> 2) + OUT]!
  const length = wasm.HEAPU32[(state >>> 2) + OUT + 1]!
  // new + set copies with memcpy; TypedArray.slice of the WASM heap has been seen to take ten
  // times longer on multi-megabyte results
  const copy = allocate(length)
  copy.set(wasm.HEAPU8.subarray(out, out + length))
  wasm._ip_free(out)
  return copy
}

function readAnalysis(wasm: ImgprocPngModule, state: number): PixelAnalysis {
  const fields = wasm.HEAPU32.subarray(state >>> 2, (state >>> 2) + 6)
  const colours = fields[COLOURS]!
  const palette = colours <= 256 ? wasm.HEAPU8.slice(state + PALETTE_OFFSET, state + PALETTE_OFFSET + colours * 4) : new Uint8Array(0)
  return { opaque: (fields[FLAGS]! & OPAQUE) !== 0, grey: (fields[FLAGS]! & GREY) !== 0, greyDepth: fields[GREY_DEPTH]!, colours, palette }
}

function bind(wasm: ImgprocPngModule): PngWasm {
  const state = wasm._ip_state()
  return {
    decode(request) {
      const length = request.idat.reduce((sum, part) => sum + part.length, 0)
      const data = allocate(wasm, length)
      const palette = allocate(wasm, 1024)
      try {
        let at = data
        for (const part of request.idat) {
          wasm.HEAPU8.set(part, at)
          at += part.length
        }
        if (request.palette) wasm.HEAPU8.set(request.palette, palette)
        const [k0, k1, k2] = request.key
        const { width, height, bitDepth, colourType, interlaced } = request
        if (wasm._ip_decode(data, length, width, height, bitDepth, colourType, interlaced ? 1 : 0, palette, k0, k1, k2)) throw failure(wasm, state)
      } finally {
        wasm._ip_free(data)
        wasm._ip_free(palette)
      }
      // decoded pixels come from the pool (types' pixel-pool.ts): the engine recycles them
      return takeOutput(wasm, state, (length) => takePixels(length, false))
    },
    encode(image, level, interlace, choose) {
      const rgba = allocate(wasm, image.data.length)
      try {
        wasm.HEAPU8.set(image.data, rgba)
        wasm._ip_analyse(rgba, image.width * image.height)
        // every target is encoded right after this analysis: colour type 3 uses its palette
        return choose(readAnalysis(wasm, state)).map((target) => {
          if (wasm._ip_encode(rgba, image.width, image.height, target.colourType, target.bitDepth, level, interlace ? 1 : 0)) throw failure(wasm, state)
          return { target, zlib: takeOutput(wasm, state, (length) => new Uint8Array(length)) }
        })
      } finally {
        wasm._ip_free(rgba)
      }
    },
  }
}

// wasm.ts finds imgproc_png.wasm (beside the code: dist/, or src/wasm in a checkout) and hands the
// compiled module to the glue, which the build bundles like the rest of the package.
const loadModule = emscripten<ImgprocPngModule>('imgproc_png.wasm', createImgprocPng)
let bound: PngWasm | undefined

/** The PNG module, initialised on first use. */
export async function pngWasm(): Promise<PngWasm> {
  if (!bound) bound = bind(await loadModule())
  return bound
}
