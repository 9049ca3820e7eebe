/** Types for the Emscripten glue built by native/png/build.sh (only what src/formats/png-wasm.ts uses). */
export interface ImgprocPngModule {
  HEAPU8: Uint8Array
  HEAPU32: Uint32Array
  _ip_state(): number
  _ip_malloc(size: number): number
  _ip_free(pointer: number): void
  _ip_decode(
    data: number,
    length: number,
    width: number,
    height: number,
    bitDepth: number,
    colourType: number,
    interlace: number,
    palette: number,
    key0: number,
    key1: number,
    key2: number,
  ): number
  _ip_analyse(rgba: number, pixels: number): number
  _ip_encode(rgba: number, width: number, height: number, colourType: number, bitDepth: number, level: number, interlace: number): number
}
declare const createImgprocPng: (options?: Record<string, unknown>) => Promise<ImgprocPngModule>
export default createImgprocPng
