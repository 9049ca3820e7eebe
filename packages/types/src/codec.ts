import type { Frame, RawImage } from './raw-image.js'

/** Every format OSS reads or writes. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'bmp' | 'tiff' | 'avif' | 'heic'

export type ColorType = 'grey' | 'grey-alpha' | 'rgb' | 'rgba' | 'palette' | 'cmyk' | 'ycck' | 'ycbcr'

/** What a header tells without decoding pixels. */
export interface ProbeResult {
  format: ImageFormat
  width: number
  height: number
  /** 1 for still images */
  frames: number
  /** EXIF orientation 1-8 (1 when absent) */
  orientation: number
  colorType: ColorType
  bitDepth: number
  hasAlpha: boolean
  hasIcc: boolean
  progressive: boolean
  /** JPEG only: IJG-equivalent quality estimated from the quantisation tables */
  quality?: number
}

/**
 * Safety limits checked from the header before any pixel buffer is allocated. The engine owns
 * the OSS limits (spec section 4); codecs only refuse what would be a decompression bomb.
 */
export interface DecodeLimits {
  /** width x height x frames */
  maxPixels: number
  /** the longer side */
  maxSide: number
}

export interface DecodeOptions {
  /** decode only the first frame of an animation */
  firstFrameOnly?: boolean
  /** override parts of the codecs' DEFAULT_DECODE_LIMITS */
  limits?: Partial<DecodeLimits>
  signal?: AbortSignal
  /**
   * Shrink-on-load hint: the caller needs at least minWidth x minHeight pixels, in the STORED
   * orientation (before EXIF rotation; swap them for orientations 5-8). A codec that can decode
   * smaller cheaply may return the smallest image that still covers both (JPEG: DCT scaling by
   * 1/2, 1/4 or 1/8, so each side is ceil(stored / n)); others ignore it and return full size.
   * Either may be left out (no constraint on that side); with neither, decoding is full size.
   * Callers read the size actually returned from `image.width/height`.
   */
  minWidth?: number
  minHeight?: number
  /**
   * Turn-on-load hint: the caller's first step turns the image clockwise by this many quarter
   * turns. A codec that can turn while decoding (JPEG: rows are placed turned while still in
   * cache) returns the turned image and says so in `DecodedImage.turned`; others ignore it.
   */
  quarterTurns?: 0 | 1 | 2 | 3
  /**
   * Leave the pixels in the colour space of an embedded ICC profile (as sharp's `ignoreIcc`).
   * By default RGB and grey profiles are applied: pixels come out in sRGB.
   */
  ignoreIcc?: boolean
}

/** A decoded image: the first frame, plus every frame for animations. */
export interface DecodedImage {
  format: ImageFormat
  image: RawImage
  /** all frames (length >= 1) when the source is animated and all frames were asked for */
  frames?: Frame[]
  /** animation loop count, 0 = forever */
  loop?: number
  /** EXIF orientation as stored in the file (pixels are NOT rotated by decode for it) */
  orientation: number
  /** clockwise quarter turns applied while decoding (`DecodeOptions.quarterTurns` honoured); absent = 0 */
  turned?: 0 | 1 | 2 | 3
}

export interface EncodeOptions {
  /** 1-100 for lossy formats */
  quality?: number
  /** progressive JPEG / interlaced PNG */
  progressive?: boolean
  lossless?: boolean
  /** PNG zlib level 0-9 */
  compressionLevel?: number
  /**
   * JPEG: true = mozjpeg's size-optimised defaults (progressive scans with trellis passes,
   * ImageMagick tables); false (default) = the fast path: libjpeg-turbo, baseline, IJG tables,
   * optimised Huffman, no trellis. See benchmarks/results/codecs.md for the trade.
   */
  optimize?: boolean
  /** when set and the codec supports it, the animation to encode */
  frames?: Frame[]
  loop?: number
}

/** EXIF fields as OSS's `image/info` prints them: tag name -> string value. */
export type ExifFields = Record<string, string>

/** The extension point for image formats: one adapter file per format, one registry. */
export interface Codec {
  readonly format: ImageFormat
  readonly mimeType: string
  readonly extensions: readonly string[]
  readonly canDecode: boolean
  readonly canEncode: boolean
  /** true when the bytes start like this format (magic bytes, never the file name) */
  sniff(bytes: Uint8Array): boolean
  /** dimensions and the rest from headers only; throws ImgError BadRequest on bad headers */
  probe(bytes: Uint8Array): ProbeResult
  decode(bytes: Uint8Array, options?: DecodeOptions): Promise<DecodedImage>
  encode(image: RawImage, options?: EncodeOptions): Promise<Uint8Array>
  /**
   * Initialises the codec's WASM now instead of on first use (memoised; absent for pure-JS codecs).
   * Where the WASM comes from is set once for all codecs (`initCodecs`, `setWasmLoader`, `initNode`
   * in @imgproc/codecs), because one codec may need several .wasm files.
   */
  init?(): Promise<void>
}
