import type { Action, ActionName, ActionOf, ParsedProcess } from '@imgproc/grammar'
import { ImgError, type ProbeResult, type RawImage } from '@imgproc/types'
import type { Size } from './geometry/size.js'
import type { Limits } from './limits.js'
import type { OutputRequest } from './output-settings.js'
import type { PixelOps } from './pixels.js'
import type { Dialect } from './types.js'

/** What a step needs while running: the pixel primitives and the abort signal. */
export interface RunContext {
  readonly pixels: PixelOps
  readonly signal?: AbortSignal
  /** decodes a watermark object (first frame) */
  readonly decodeObject?: (object: LoadedObject) => Promise<RawImage>
}

/** One pixel operation in the plan, with its geometry fixed at plan time. */
export interface Step {
  /** the OSS action that produced it */
  readonly action: string
  /** the primitive: extract, resize, embed, rotate, flip, orient, blur, ... */
  readonly op: string
  /** parameters of the primitive, for explain() and JSON */
  readonly args: Readonly<Record<string, unknown>>
  readonly input: Size
  readonly output: Size
  /**
   * bytes the step holds besides its input and output while it runs (a watermark object decoded
   * at full size and its own steps, a rendered text mark), for the memory estimate
   */
  readonly extraBytes?: number
  run(image: RawImage, ctx: RunContext): RawImage | Promise<RawImage>
}

/** A watermark object loaded (and probed) during planning. */
export interface LoadedObject {
  key: string
  bytes: Uint8Array
  probe: ProbeResult
}

/** The mutable state an action plans against: the size and alpha the chain has reached so far. */
export interface PlanContext {
  readonly dialect: Dialect
  readonly limits: Limits
  readonly source: ProbeResult
  readonly pixels: PixelOps
  readonly output: OutputRequest
  /** current image size */
  size: Size
  /** true once a step may have produced transparency (or the source has alpha) */
  alpha: boolean
  /** the source has several frames (whether they are kept is decided after planning: animation.ts) */
  readonly animated: boolean
  /** loads and probes a watermark object; NoSuchKey when missing */
  loadObject(key: string, bucket?: string): Promise<LoadedObject>
  /** plans a watermark object's own (already parsed) process against it */
  planNested(object: LoadedObject, process: ParsedProcess | undefined, base: Size): Promise<NestedPlan>
  /** image watermarks planned so far (capped by limits.maxImageWatermarks) */
  imageWatermarks: number
}

/** A plan for a watermark object's own pre-processing, run before it is composited. */
export interface NestedPlan {
  object: LoadedObject
  steps: Step[]
  output: Size
}

/** The extension point for actions: one file per OSS action, one registry line (actions/index.ts). */
export interface ActionPlanner<N extends ActionName = ActionName> {
  /** the OSS action name */
  readonly name: N
  /**
   * Spec 4: resize by w/h, crop and watermark keep GIF animation; every other action takes the
   * first frame. Each action file says why it answers as it does (animation.ts combines them).
   */
  keepsAnimation(action: ActionOf<N>): boolean
  /** checks against the current state, returns the steps (possibly none) and updates ctx.size/alpha */
  plan(action: ActionOf<N>, ctx: PlanContext): Step[] | Promise<Step[]>
}

/** Typed definition of one action planner (keeps the node type narrowed to its name). */
export function defineAction<N extends ActionName>(planner: ActionPlanner<N>): ActionPlanner<N> {
  return planner
}

/** A planner looked up by the runtime name of a node. */
export type AnyActionPlanner = { readonly name: ActionName; keepsAnimation(action: Action): boolean; plan(action: Action, ctx: PlanContext): Step[] | Promise<Step[]> }

/** Makes a step whose input is the current size and advances the context to its output. */
export function addStep(
  ctx: PlanContext,
  action: string,
  op: string,
  args: Record<string, unknown>,
  output: Size,
  run: Step['run'],
): Step {
  const step: Step = { action, op, args, input: ctx.size, output, run }
  ctx.size = output
  return step
}

/** The primitive, or NotImplemented at plan time (before any decode) when ops lacks it. */
export function need<K extends keyof PixelOps>(ctx: { pixels: PixelOps }, name: K, action: string): NonNullable<PixelOps[K]> {
  const fn = ctx.pixels[name]
  if (!fn) throw new ImgError('NotImplemented', `The ${action} action is not implemented yet (pixel primitive ${String(name)} missing).`)
  return fn.bind(ctx.pixels) as NonNullable<PixelOps[K]>
}
