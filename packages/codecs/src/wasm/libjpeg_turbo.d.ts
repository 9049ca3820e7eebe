/** Types for the Emscripten glue built by native/libjpeg-turbo/build.sh (only what src/turbo.ts uses). */
export interface LibjpegTurboModule {
  HEAPU8: Uint8Array
  HEAPU32: Uint32Array
  HEAP32: Int32Array
  _ij_state(): number
  _ij_malloc(size: number): number
  _ij_free(pointer: number): void
  /** turns: clockwise quarter turns applied while decoding (0-3) */
  _ij_decode(source: number, length: number, denom: number, turns: number): number
  _ij_encode(rgba: number, width: number, height: number, quality: number, progressive: number): number
  /** which SIMD128 kernels the next calls may use (a bit each, native/libjpeg-turbo/jsimd_wasm.h; -1 reads); returns the previous set */
  _ij_simd(mask: number): number
}
declare const createLibjpegTurbo: (options?: Record<string, unknown>) => Promise<LibjpegTurboModule>
export default createLibjpegTurbo
