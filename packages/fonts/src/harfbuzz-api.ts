/**
 * The few HarfBuzz calls text shaping needs, straight over hb.wasm's exports (harfbuzzjs' build of
 * HarfBuzz), in the shape `@imgproc/ops`' shaper takes (its `HarfBuzz` interface, which follows
 * harfbuzzjs' own wrapper). Written here instead of using harfbuzzjs' JavaScript because that
 * wrapper turns a JS function into a WebAssembly one at start-up by compiling a tiny module,
 * which Cloudflare Workers forbid, and its Emscripten loader looks for its file the Node or
 * browser way; this needs neither: the module is instantiated by harfbuzz.ts with five stub
 * imports, and nothing here takes a function pointer (blobs are duplicated into HarfBuzz's own
 * memory, so no destroy callback is needed).
 */
import type { HarfBuzz, HbBuffer, HbObject } from '@imgproc/ops'

/** The exports of hb.wasm used here (pointers are byte offsets into `memory`). */
export interface HbExports {
  memory: WebAssembly.Memory
  malloc(size: number): number
  free(ptr: number): void
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number
  hb_blob_destroy(blob: number): void
  hb_face_create(blob: number, index: number): number
  hb_face_destroy(face: number): void
  hb_font_create(face: number): number
  hb_font_destroy(font: number): void
  hb_buffer_create(): number
  hb_buffer_destroy(buffer: number): void
  hb_buffer_add_utf16(buffer: number, text: number, textLength: number, itemOffset: number, itemLength: number): void
  hb_buffer_set_direction(buffer: number, direction: number): void
  hb_buffer_set_script(buffer: number, script: number): void
  hb_buffer_set_cluster_level(buffer: number, level: number): void
  hb_buffer_guess_segment_properties(buffer: number): void
  hb_buffer_get_length(buffer: number): number
  hb_buffer_get_glyph_infos(buffer: number, length: number): number
  hb_buffer_get_glyph_positions(buffer: number, length: number): number
  hb_script_from_string(text: number, length: number): number
  hb_shape(font: number, buffer: number, features: number, featureCount: number): void
}

/** hb_memory_mode_t: HarfBuzz copies the bytes at once, so ours are freed right away. */
const HB_MEMORY_MODE_DUPLICATE = 0
/** hb_direction_t */
const DIRECTIONS = { ltr: 4, rtl: 5 } as const

interface Handle extends HbObject {
  ptr: number
}

export function harfBuzzApi(hb: HbExports): HarfBuzz {
  const u8 = () => new Uint8Array(hb.memory.buffer) // a new view each time: the memory may have grown
  const withCopy = <T>(bytes: Uint8Array, use: (ptr: number) => T): T => {
    const ptr = hb.malloc(bytes.byteLength)
    try {
      u8().set(bytes, ptr)
      return use(ptr)
    } finally {
      hb.free(ptr)
    }
  }
  const handle = (ptr: number, destroy: (ptr: number) => void): Handle => ({ ptr, destroy: () => destroy(ptr) })

  return {
    createBlob: (bytes) => withCopy(new Uint8Array(bytes), (ptr) => handle(hb.hb_blob_create(ptr, bytes.byteLength, HB_MEMORY_MODE_DUPLICATE, 0, 0), hb.hb_blob_destroy)),
    createFace: (blob, index) => handle(hb.hb_face_create((blob as Handle).ptr, index), hb.hb_face_destroy),
    createFont: (face) => handle(hb.hb_font_create((face as Handle).ptr), hb.hb_font_destroy),
    shape: (font, buffer) => hb.hb_shape((font as Handle).ptr, (buffer as unknown as Handle).ptr, 0, 0),
    createBuffer(): HbBuffer {
      const ptr = hb.hb_buffer_create()
      /** Reads the buffer's array of 5-word glyph records at `array`. */
      const glyphs = (array: number, read: (words: Uint32Array, at: number) => void) => {
        const length = hb.hb_buffer_get_length(ptr)
        const words = new Uint32Array(hb.memory.buffer, array, length * 5)
        for (let i = 0; i < length; i++) read(words, i * 5)
      }
      const buffer: HbBuffer & Handle = {
        ptr,
        destroy: () => hb.hb_buffer_destroy(ptr),
        addText(text, itemOffset = 0, itemLength = null) {
          const units = new Uint16Array(text.length)
          for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i)
          withCopy(new Uint8Array(units.buffer), (at) => hb.hb_buffer_add_utf16(ptr, at, text.length, itemOffset, itemLength ?? text.length))
        },
        setDirection: (direction) => hb.hb_buffer_set_direction(ptr, DIRECTIONS[direction]),
        setScript: (script) => withCopy(new TextEncoder().encode(`${script}\0`), (at) => hb.hb_buffer_set_script(ptr, hb.hb_script_from_string(at, -1))),
        setClusterLevel: (level) => hb.hb_buffer_set_cluster_level(ptr, level),
        guessSegmentProperties: () => hb.hb_buffer_guess_segment_properties(ptr),
        // hb_glyph_info_t: codepoint (the glyph id after shaping), mask, cluster, 2 private words
        getGlyphInfos() {
          const infos: Array<{ codepoint: number; cluster: number }> = []
          glyphs(hb.hb_buffer_get_glyph_infos(ptr, 0), (w, at) => infos.push({ codepoint: w[at]!, cluster: w[at + 2]! }))
          return infos
        },
        // hb_glyph_position_t: x_advance, y_advance, x_offset, y_offset (signed), 1 private word
        getGlyphPositions() {
          const positions: Array<{ x_advance: number; y_advance: number; x_offset: number; y_offset: number }> = []
          glyphs(hb.hb_buffer_get_glyph_positions(ptr, 0), (w, at) => positions.push({ x_advance: w[at]! | 0, y_advance: w[at + 1]! | 0, x_offset: w[at + 2]! | 0, y_offset: w[at + 3]! | 0 }))
          return positions
        },
      }
      return buffer
    },
  }
}
