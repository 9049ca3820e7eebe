/**
 * The typed AST of a process string. One node type per action, discriminated on `name`.
 *
 * Rules the whole AST follows:
 * - values are already validated and typed: numbers are numbers, enums are string-literal unions,
 *   colours are upper-case 6-digit hex without `#`, base64 values are DECODED (UTF-8) strings;
 * - defaults are NOT filled in (a param absent from the string is absent here), so `serialize`
 *   stays canonical; `withDefaults(node, dialect)` / `paramDefaults(name, dialect)` give the defaults;
 * - gravity is always in OSS spelling (`nw` … `se`); the OBS spellings (`tl` … `br`) are mapped on
 *   parse and mapped back by `serialize` for the OBS dialect;
 * - every node has a `span` into `source` (half-open UTF-16 offsets) and every param its own span in
 *   `spans`, so the engine can point at the parameter that fails later (limits, missing objects).
 *
 * Additive changes only: the engine and server build on this shape.
 */
import type { Span } from '@imgproc/types'

export type { Span }

/** `oss` = Alibaba Cloud `x-oss-process`; `obs` = Huawei Cloud `x-image-process`. */
export type Dialect = 'oss' | 'obs'

/** 3×3 grid cell, OSS spelling. OBS `tl top tr left center right bl bottom br` map onto these. */
export type Gravity = 'nw' | 'north' | 'ne' | 'west' | 'center' | 'east' | 'sw' | 'south' | 'se'
export type ResizeMode = 'lfit' | 'mfit' | 'fill' | 'pad' | 'fixed'
export type OutputFormat = 'jpg' | 'png' | 'webp' | 'bmp' | 'gif' | 'tiff' | 'heic' | 'avif'
export type Font =
  | 'wqy-zenhei'
  | 'wqy-microhei'
  | 'fangzhengshusong'
  | 'fangzhengkaiti'
  | 'fangzhengheiti'
  | 'fangzhengfangsong'
  | 'droidsansfallback'
export type Bit = 0 | 1

/** A radius in pixels (`r_10`) or, OBS rounded-corners only, percent of the shorter side (`r_10p`). */
export interface Radius {
  value: number
  unit: 'px' | 'percent'
}

/** The decoded `image_` value of a watermark. */
export interface WatermarkImage {
  /** object key (OSS: in the source bucket; OBS: the part after `bucket/`) */
  object: string
  /** OBS only: the bucket named before the first `/` */
  bucket?: string
  /** the nested `?x-oss-process=` / `?x-image-process=` chain, parsed with `nested: true` */
  process?: ParsedProcess
}

export interface ResizeParams {
  m?: ResizeMode
  w?: number
  h?: number
  l?: number
  s?: number
  limit?: Bit
  color?: string
  p?: number
  /** percent of the BASE image; only inside a watermark's nested process */
  P?: number
}
export interface CropParams {
  w?: number
  h?: number
  x?: number
  y?: number
  g?: Gravity
}
export interface IndexcropParams {
  x?: number
  y?: number
  i?: number
}
export interface CircleParams {
  r: number
}
export interface RoundedCornersParams {
  r?: Radius
  /** OBS only: elliptic radii, always given together */
  rx?: Radius
  ry?: Radius
}
/** Key-less actions keep their single value under `value` (errors name the action, as OSS does). */
export interface ValueParams<T = number> {
  value: T
}
export interface BlurParams {
  r: number
  s: number
}
export interface QualityParams {
  q?: number
  Q?: number
}
export interface WatermarkParams {
  t?: number
  g?: Gravity
  x?: number
  y?: number
  voffset?: number
  fill?: Bit
  padx?: number
  pady?: number
  text?: string
  type?: Font
  color?: string
  size?: number
  shadow?: number
  rotate?: number
  image?: WatermarkImage
  order?: Bit
  align?: 0 | 1 | 2
  interval?: number
}
export type NoParams = Record<string, never>

/** Per-parameter spans (the whole `key_value` token; for key-less values, the value). */
export type ParamSpans<P> = { [K in keyof P]?: Span }

export interface ActionNode<N extends string, P> {
  name: N
  params: P
  /** from the first letter of the action name to the end of its last parameter token */
  span: Span
  spans: ParamSpans<P>
}

export type ResizeAction = ActionNode<'resize', ResizeParams>
export type CropAction = ActionNode<'crop', CropParams>
export type IndexcropAction = ActionNode<'indexcrop', IndexcropParams>
export type CircleAction = ActionNode<'circle', CircleParams>
export type RoundedCornersAction = ActionNode<'rounded-corners', RoundedCornersParams>
export type RotateAction = ActionNode<'rotate', ValueParams>
export type AutoOrientAction = ActionNode<'auto-orient', ValueParams<Bit>>
export type BlurAction = ActionNode<'blur', BlurParams>
export type BrightAction = ActionNode<'bright', ValueParams>
export type ContrastAction = ActionNode<'contrast', ValueParams>
export type SharpenAction = ActionNode<'sharpen', ValueParams>
export type InterlaceAction = ActionNode<'interlace', ValueParams<Bit>>
export type QualityAction = ActionNode<'quality', QualityParams>
export type FormatAction = ActionNode<'format', ValueParams<OutputFormat>>
export type WatermarkAction = ActionNode<'watermark', WatermarkParams>
export type InfoAction = ActionNode<'info', NoParams>
export type AverageHueAction = ActionNode<'average-hue', NoParams>

export type Action =
  | ResizeAction
  | CropAction
  | IndexcropAction
  | CircleAction
  | RoundedCornersAction
  | RotateAction
  | AutoOrientAction
  | BlurAction
  | BrightAction
  | ContrastAction
  | SharpenAction
  | InterlaceAction
  | QualityAction
  | FormatAction
  | WatermarkAction
  | InfoAction
  | AverageHueAction

export type ActionName = Action['name']
export type ActionOf<N extends ActionName> = Extract<Action, { name: N }>
export type ParamsOf<N extends ActionName> = ActionOf<N>['params']

export interface ImageChain {
  kind: 'image'
  /** empty only for OBS, where `image/` means "no change" */
  actions: Action[]
  span: Span
}
export interface StyleRef {
  kind: 'style'
  name: string
  span: Span
}
/** `|sys/saveas,o_<b64>,b_<b64>` (OSS only). `object`/`bucket` are decoded. */
export interface SaveAs {
  object: string
  bucket?: string
  span: Span
  spans: { object?: Span; bucket?: Span }
}

export interface ParsedProcess {
  dialect: Dialect
  /** the exact string that was parsed; every span points into it */
  source: string
  chain: ImageChain | StyleRef
  saveAs?: SaveAs
}
