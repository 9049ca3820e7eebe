/**
 * HEIC decoding through libheif-js (the Emscripten build of libheif + libde265, LGPL-3.0).
 * The glue (libheif-glue.js: libheif-js's `libheif-wasm/libheif.js` as an ES module whose Node
 * branch, the one that requires `fs`, `path` and `crypto`, is taken out; native/libheif-glue) is imported
 * lazily on the first decode and its `libheif.wasm` is found like every other codec's (wasm.ts:
 * initCodecs / setWasmLoader, else the file beside the code) and handed to the glue compiled. So
 * nothing Node-only is imported here, and bundlers need no `external` list for HEIC.
 */
import { ImgError, type RawImage } from '@imgproc/types'
import { damaged } from '../bytes.js'
import { ensureWasm, instantiateSynchronously } from '../wasm.js'

/** The part of the libheif embind API we call (libheif-js 1.23; see its libheif.d.ts). */
interface HeifError {
  code: unknown
  message?: string
}
interface HeifChannel {
  id: unknown
  width: number
  height: number
  stride: number
  data: Uint8Array
}
interface HeifDecoded {
  code?: unknown
  message?: string
  image: unknown
  width: number
  height: number
  channels?: HeifChannel[]
}
interface Libheif {
  heif_error_code: { heif_error_Ok: unknown; heif_error_Memory_allocation_error: unknown }
  heif_colorspace: { heif_colorspace_RGB: unknown }
  heif_chroma: { heif_chroma_interleaved_RGBA: unknown }
  heif_channel: { heif_channel_interleaved: unknown }
  heif_context_alloc(): unknown
  heif_context_free(context: unknown): void
  heif_context_read_from_memory(context: unknown, bytes: Uint8Array): HeifError
  heif_js_context_get_primary_image_handle(context: unknown): (HeifError & { code?: unknown }) | null
  heif_image_handle_release(handle: unknown): void
  heif_js_decode_image2(handle: unknown, colorspace: unknown, chroma: unknown): HeifDecoded | null
  heif_image_release(image: unknown): void
}

const FILE = 'libheif.wasm'
/** What the C code prints goes nowhere: failures are reported through the return values. */
const quiet = (): void => {}

let compiled: WebAssembly.Module | undefined
let instance: Libheif | undefined

async function createInstance(): Promise<Libheif> {
  const glue = await import('./libheif-glue.js')
  // This glue starts synchronously (its set-up code runs right after instantiation and breaks when
  // the instance arrives later), as the other Emscripten codecs do.
  const lib = glue.default({ print: quiet, printErr: quiet, ...instantiateSynchronously(compiled) }) as Partial<Libheif>
  // Never wait for a start-up that may not come: a glue that did not start now is an error.
  if (typeof lib?.heif_context_alloc !== 'function') {
    throw new Error('libheif did not start synchronously; hand over libheif.wasm with initCodecs() or setWasmLoader()')
  }
  return lib as Libheif
}

/**
 * The libheif instance, created once. A trap inside the WASM discards it (see decodeHeicPixels);
 * the next call starts a fresh one from the module already found.
 */
export async function libheif(): Promise<Libheif> {
  if (instance) return instance
  await ensureWasm(FILE, async (module) => {
    compiled = module
    instance = await createInstance()
  })
  if (!instance) {
    try {
      instance = await createInstance()
    } catch (cause) {
      throw new ImgError('InternalError', 'Could not restart the HEIC decoder (libheif).', { cause })
    }
  }
  return instance
}

/**
 * Decodes the primary image to RGBA8. libheif applies the container's mandatory transformations
 * (irot, imir, clap) itself, so the pixels come out display-oriented.
 */
export async function decodeHeicPixels(bytes: Uint8Array): Promise<RawImage> {
  const lib = await libheif()
  try {
    return decodeWith(lib, bytes)
  } catch (cause) {
    if (cause instanceof ImgError) throw cause
    // A WASM trap (abort, out-of-bounds) may leave the C heap inconsistent: start afresh next time.
    instance = undefined
    const detail = cause instanceof Error ? cause.message : String(cause)
    throw damaged('HEIC', `libheif stopped (${detail || 'no detail'})`, cause)
  }
}

function decodeWith(lib: Libheif, bytes: Uint8Array): RawImage {
  const context = lib.heif_context_alloc()
  if (!context) throw new ImgError('InternalError', 'libheif could not allocate a context.')
  try {
    const read = lib.heif_context_read_from_memory(context, bytes)
    if (read.code !== lib.heif_error_code.heif_error_Ok) throw damaged('HEIC', `libheif could not read the file (${read.message || 'no detail'})`)
    const handle = lib.heif_js_context_get_primary_image_handle(context)
    if (!handle || handle.code !== undefined) throw damaged('HEIC', `no primary image (${handle?.message || 'no detail'})`)
    try {
      return decodeHandle(lib, handle)
    } finally {
      lib.heif_image_handle_release(handle)
    }
  } finally {
    lib.heif_context_free(context)
  }
}

function decodeHandle(lib: Libheif, handle: unknown): RawImage {
  const decoded = lib.heif_js_decode_image2(handle, lib.heif_colorspace.heif_colorspace_RGB, lib.heif_chroma.heif_chroma_interleaved_RGBA)
  if (decoded && decoded.code === lib.heif_error_code.heif_error_Memory_allocation_error) {
    // A valid file past what libheif-js's 2 GiB WebAssembly memory holds (measured: 16000x15600 fails).
    throw new ImgError('ImageTooLarge', `The HEIC image is too large for the decoder's memory (${decoded.message || 'allocation failed'}).`)
  }
  if (!decoded || decoded.code !== undefined || !decoded.channels) {
    throw damaged('HEIC', `libheif could not decode the image (${decoded?.message || 'no detail'})`)
  }
  try {
    const channel = decoded.channels.find((c) => c.id === lib.heif_channel.heif_channel_interleaved)
    const { width, height } = decoded
    if (!channel || channel.width !== width || channel.height !== height || channel.stride < width * 4 || channel.data.length < channel.stride * (height - 1) + width * 4) {
      throw damaged('HEIC', 'libheif returned no complete RGBA plane')
    }
    return { width, height, data: packRows(channel.data, width, height, channel.stride) }
  } finally {
    lib.heif_image_release(decoded.image)
  }
}

/** Copies `height` rows of `width` RGBA pixels out of a strided plane (the plane may live in the WASM heap). */
function packRows(plane: Uint8Array, width: number, height: number, stride: number): Uint8ClampedArray {
  const rowBytes = width * 4
  const out = new Uint8ClampedArray(rowBytes * height)
  if (stride === rowBytes) {
    out.set(plane.subarray(0, rowBytes * height))
    return out
  }
  for (let y = 0, from = 0, to = 0; y < height; y++, from += stride, to += rowBytes) out.set(plane.subarray(from, from + rowBytes), to)
  return out
}
