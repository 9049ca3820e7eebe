/** Types for the untyped pure-JS dependencies (only what we call). */
declare module 'omggif' {
  export interface GifFrameInfo {
    x: number
    y: number
    width: number
    height: number
    /** centiseconds */
    delay: number
    disposal: number
    transparent_index: number | null
    interlaced: boolean
  }
  export class GifReader {
    constructor(bytes: Uint8Array)
    readonly width: number
    readonly height: number
    numFrames(): number
    loopCount(): number | null
    frameInfo(index: number): GifFrameInfo
    decodeAndBlitFrameRGBA(index: number, pixels: Uint8Array | Uint8ClampedArray): void
  }
}

declare module 'gifenc' {
  export type Palette = number[][]
  export function quantize(rgba: Uint8Array | Uint8ClampedArray, maxColors: number, options?: { format?: string; oneBitAlpha?: boolean | number }): Palette
  export function applyPalette(rgba: Uint8Array | Uint8ClampedArray, palette: Palette, format?: string): Uint8Array
  export interface GifEncoder {
    writeFrame(
      index: Uint8Array,
      width: number,
      height: number,
      options?: { palette?: Palette; delay?: number; repeat?: number; transparent?: boolean; transparentIndex?: number; dispose?: number },
    ): void
    finish(): void
    bytes(): Uint8Array
  }
  export function GIFEncoder(): GifEncoder
}

/** jsColorEngine (CommonJS): the profile loader and the image transform, as icc/to-srgb.ts uses them. */
declare module 'jscolorengine' {
  export class Profile {
    loaded: boolean
    name: string
    loadBinary(binary: Uint8Array): void
  }
  export interface TransformOptions {
    buildLut?: boolean
    dataFormat?: 'int8' | 'int16' | 'float' | 'object'
    BPC?: boolean
  }
  export class Transform {
    constructor(options?: TransformOptions)
    create(input: Profile | string, output: Profile | string, intent: number): void
    transformArray(input: Uint8Array | Uint8ClampedArray, inputHasAlpha: boolean, outputHasAlpha: boolean, preserveAlpha?: boolean): Uint8Array | Uint8ClampedArray
  }
  export const eIntent: { perceptual: number; relative: number; saturation: number; absolute: number }
  const engine: { Profile: typeof Profile; Transform: typeof Transform; eIntent: typeof eIntent }
  export default engine
}
