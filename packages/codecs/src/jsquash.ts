/**
 * The @jsquash/squoosh WASM builds, driven directly through their Emscripten / wasm-bindgen glue
 * (the factories jSquash's own decode()/encode() wrap), so that we hold the module, choose how the
 * .wasm is found (wasm.ts), and get typed errors instead of `Error('Decoding error')`.
 */
import mozjpegEncFactory from '@jsquash/jpeg/codec/enc/mozjpeg_enc.js'
import type { EncodeOptions as MozJpegOptions } from '@jsquash/jpeg/codec/enc/mozjpeg_enc.js'
import type { EncodeOptions as AvifOptions } from '@jsquash/avif/codec/enc/avif_enc.js'
import webpDecFactory from '@jsquash/webp/codec/dec/webp_dec.js'
import webpEncFactory from '@jsquash/webp/codec/enc/webp_enc_simd.js'
import type { EncodeOptions as WebpOptions } from '@jsquash/webp/codec/enc/webp_enc.js'
import { ensureWasm, instantiateSynchronously, type WasmFile } from './wasm.js'

export type { AvifOptions, MozJpegOptions, WebpOptions }

/** What the glue hands back for a decoded image (an ImageData or a look-alike). */
export interface GluePixels {
  width: number
  height: number
  data: Uint8ClampedArray | Uint8Array
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Factory<M> = (options: Record<string, unknown>) => Promise<M>

/**
 * What the C libraries print (libjpeg's "Premature end of JPEG file" is only a warning) is kept
 * here instead of the console, so adapters can turn a warning into a typed error.
 */
const messages: string[] = []
function quiet(text: unknown): void {
  if (messages.length < 32) messages.push(String(text))
}

/** The messages printed since the last call (and forgets them). */
export function takeMessages(): string[] {
  return messages.splice(0)
}

/**
 * A memoised getter for an Emscripten module: `file` is found and compiled by wasm.ts and
 * instantiated into the glue the first time it is asked for.
 */
export function emscripten<M>(file: WasmFile, factory: Factory<M>): () => Promise<M> {
  let instance: M | undefined
  return async () => {
    if (instance) return instance
    await ensureWasm(file, async (module) => {
      // locateFile: the glue would otherwise resolve its .wasm with `new URL(file, import.meta.url)`,
      // which throws where modules have no URL (Workers); it never fetches, the module is handed over
      instance = await factory({ noInitialRun: true, print: quiet, printErr: quiet, locateFile: (name: string) => name, ...instantiateSynchronously(module) })
    })
    return instance!
  }
}

interface MozJpegEncoder {
  encode(data: BufferSource, width: number, height: number, options: MozJpegOptions): Uint8Array
}
interface WebpDecoder {
  decode(data: BufferSource): GluePixels | null
}
interface WebpEncoder {
  encode(data: BufferSource, width: number, height: number, options: WebpOptions): Uint8Array | null
}

export const mozjpegEncoder = emscripten<MozJpegEncoder>('mozjpeg_enc.wasm', mozjpegEncFactory as unknown as Factory<MozJpegEncoder>)
export const webpDecoder = emscripten<WebpDecoder>('webp_dec.wasm', webpDecFactory as unknown as Factory<WebpDecoder>)
export const webpEncoder = emscripten<WebpEncoder>('webp_enc_simd.wasm', webpEncFactory as unknown as Factory<WebpEncoder>)

interface AvifDecoder {
  decode(data: BufferSource, bitDepth: 8): GluePixels | null
}
interface AvifEncoder {
  encode(data: BufferSource, width: number, height: number, options: AvifOptions & { lossless: boolean }): Uint8Array | null
}
/** A factory whose glue module is imported on first use: bundles load AVIF's glue (~40 KB) only for an AVIF. */
function importedOnUse<M>(load: () => Promise<{ default: unknown }>): Factory<M> {
  return async (options) => ((await load()).default as Factory<M>)(options)
}
export const avifDecoder = emscripten<AvifDecoder>('avif_dec.wasm', importedOnUse(() => import('@jsquash/avif/codec/dec/avif_dec.js')))
export const avifEncoder = emscripten<AvifEncoder>('avif_enc.wasm', importedOnUse(() => import('@jsquash/avif/codec/enc/avif_enc.js')))

/** A minimal ImageData look-alike for the glue to construct; never installed permanently. */
class PlainImageData {
  constructor(
    readonly data: Uint8ClampedArray,
    readonly width: number,
    readonly height: number,
  ) {}
}

/**
 * Runs a synchronous glue call that constructs `ImageData` by global name. Where the runtime has
 * no ImageData (Deno, Bun, some Workers), a plain look-alike stands on globalThis for the duration
 * of this synchronous call only, and is removed before anything else can run.
 */
export function withImageData<T>(call: () => T): T {
  const scope = globalThis as { ImageData?: unknown }
  if (scope.ImageData) return call()
  scope.ImageData = PlainImageData
  try {
    return call()
  } finally {
    delete scope.ImageData
  }
}
