import type { RawImage } from '@imgproc/types'

/** Output formats the benchmark encodes to. */
export type BenchCodec = 'jpeg' | 'png' | 'webp' | 'avif'

export interface EncodeRequest {
  codec: BenchCodec
  /** 1-100; ignored for PNG */
  quality: number
}

export interface PipelineRequest extends EncodeRequest {
  /** resize to this width keeping the aspect ratio; absent = keep the size (format conversion) */
  width?: number
}

/**
 * One library under test. Every method is optional: a contender offers what its library can do,
 * and the runner reports the rest as skipped with the reason. Each contender runs in a process of
 * its own, so loading one never changes another's memory or JIT state.
 */
export interface Contender {
  readonly name: string
  /** what the library calls itself and its version, for the report */
  describe(): string
  /** loads the library; throws when it is not installed */
  load(): Promise<void>
  decode?(bytes: Uint8Array): Promise<RawImage>
  encode?(image: RawImage, request: EncodeRequest): Promise<Uint8Array>
  /** the full job from encoded bytes: decode, resize (when asked), encode */
  pipeline?(bytes: Uint8Array, request: PipelineRequest): Promise<Uint8Array>
  /** codecs it can encode; the runner skips the others */
  readonly encodes: readonly BenchCodec[]
}

/** Copies a Node/WASM buffer view into a fresh Uint8Array the caller owns. */
export function ownBytes(view: ArrayBufferView | ArrayBuffer): Uint8Array {
  const source = view instanceof ArrayBuffer ? new Uint8Array(view) : new Uint8Array(view.buffer, view.byteOffset, view.byteLength)
  return source.slice()
}

export function rawImage(width: number, height: number, pixels: ArrayBufferView): RawImage {
  return { width, height, data: new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, width * height * 4) }
}
