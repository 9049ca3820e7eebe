import type { Action, ImageChain, ParsedProcess, SaveAs } from '@imgproc/grammar'
import { ImgError, type ProbeResult } from '@imgproc/types'
import { planAutoOrient } from './actions/auto-orient.js'
import { animationVerdict } from './animation.js'
import { outputCodec, sourceCodec, type CodecLookup } from './codec-lookup.js'
import type { Size } from './geometry/size.js'
import { checkSourceBytes, checkSourceHeader, type Limits } from './limits.js'
import { shrinkOnLoadHint, type ShrinkOnLoad } from './shrink-on-load.js'
import { turnOnLoadHint, type QuarterTurns } from './turn-on-load.js'
import { resolveOutput, type OutputRequest, type OutputSettings } from './output-settings.js'
import { WHITE, type PixelOps } from './pixels.js'
import { addStep, need, type AnyActionPlanner, type LoadedObject, type NestedPlan, type PlanContext, type Step } from './step.js'
import type { Dialect } from './types.js'

/** What the planner is given by the engine. */
export interface PlanDeps {
  codecs: CodecLookup
  pixels: PixelOps
  limits: Limits
  actions: ReadonlyMap<string, AnyActionPlanner>
  loadObject?: (key: string, bucket?: string) => Promise<Uint8Array | null>
  /** apply EXIF orientation when no auto-orient action is written (OSS false, OBS true by default) */
  autoOrientByDefault: boolean
  /** let the decoder return a smaller image when the chain starts by shrinking it (JPEG) */
  shrinkOnLoad: boolean
  /** let the decoder turn the image when the chain starts by turning it a right angle (JPEG) */
  turnOnLoad: boolean
}

/** The saveas target carried by the plan. */
export interface SaveTarget {
  object: string
  bucket?: string
}

export type PlanKind = 'image' | 'info' | 'average-hue' | 'original'

/** Everything decided before a single pixel is decoded. */
export interface Plan {
  dialect: Dialect
  kind: PlanKind
  /** the process string that was planned (after style resolution) */
  process: string
  style?: string
  /** where the caller should store the result (`sys/saveas`); the engine never writes */
  saveAs?: SaveTarget
  source: ProbeResult & { byteLength: number }
  /** every frame is processed and the animation kept (spec 4, animation.ts) */
  animated: boolean
  /** why an animated source gives only its first frame (kind 'image') */
  firstFrameReason?: string
  /** EXIF orientation applied first (spec 2.7) */
  autoOrient: boolean
  steps: Step[]
  /** encoder settings (kind 'image') */
  output?: OutputSettings
  /** size of the result */
  size: Size
  /** the source limits, handed to the decoder so it enforces the same ones */
  decodeLimits: { maxPixels: number; maxSide: number }
  /** the least the decoder must return when the chain starts by shrinking the whole image (shrink-on-load.ts) */
  shrinkOnLoad?: ShrinkOnLoad
  /** the first step's clockwise quarter turns, for a decoder that can turn while decoding (turn-on-load.ts) */
  turnOnLoad?: QuarterTurns
}


const INSPECT = new Set(['info', 'average-hue'])

/** A parsed image chain plus where it came from (style name, saveas target). */
export interface ChainInput {
  chain: ImageChain
  source: string
  style?: string
  saveAs?: Omit<SaveAs, 'span' | 'spans'>
}

export async function buildPlan(input: ChainInput, bytes: Uint8Array, dialect: Dialect, deps: PlanDeps): Promise<Plan> {
  // Every parameter is read before any storage access (watermarks load inside the action planners,
  // after their own params are checked); the source only by its header.
  const actions = input.chain.actions
  for (const action of actions) plannerFor(action, deps)
  checkSourceBytes(bytes.byteLength, deps.limits)
  const codec = sourceCodec(deps.codecs, bytes)
  const probe = codec.probe(bytes)
  checkSourceHeader(probe, deps.limits)
  const source = { ...probe, byteLength: bytes.byteLength }
  const saveAs: SaveTarget | undefined = input.saveAs && {
    object: input.saveAs.object,
    ...(input.saveAs.bucket === undefined ? {} : { bucket: input.saveAs.bucket }),
  }
  const decodeLimits = { maxPixels: deps.limits.maxSourcePixels, maxSide: deps.limits.maxSourceSide }
  const base = { dialect, process: input.source, style: input.style, saveAs, source, decodeLimits }
  const original: Plan = { ...base, kind: 'original', animated: false, autoOrient: false, steps: [], size: probe }
  if (actions.length === 0) {
    if (dialect === 'oss') throw new ImgError('InvalidArgument', 'The image process has no action.')
    // OBS: an empty command list returns the original image (spec 9.1).
    return original
  }
  // OBS returns animated GIF/WebP over 2 MB or 50 frames unprocessed (spec 9.1).
  if (dialect === 'obs' && probe.frames > 1 && (probe.frames > 50 || bytes.byteLength > 2 * 1024 * 1024)) {
    return original
  }
  const kind = inspectKind(actions)
  if (kind === 'info') return { ...base, kind, animated: false, autoOrient: false, steps: [], size: probe }

  const ctx = newContext(dialect, deps, probe)
  const orientAction = [...actions].reverse().find((a) => a.name === 'auto-orient')
  const autoOrient = orientAction ? orientAction.params.value === 1 : deps.autoOrientByDefault
  const steps: Step[] = autoOrient ? planAutoOrient(ctx, orientAction !== undefined) : []
  for (const action of actions) steps.push(...(await plannerFor(action, deps).plan(action, ctx)))
  const shrinkOnLoad = deps.shrinkOnLoad ? shrinkOnLoadHint(probe, steps) : undefined
  const turnOnLoad = deps.turnOnLoad && !shrinkOnLoad ? turnOnLoadHint(probe, steps) : undefined
  const hint = { ...(shrinkOnLoad ? { shrinkOnLoad } : {}), ...(turnOnLoad ? { turnOnLoad } : {}) }
  if (kind === 'average-hue') return { ...base, ...hint, kind, animated: false, autoOrient, steps, size: ctx.size }

  const output = resolveOutput(ctx.output, { format: probe.format, quality: probe.quality })
  outputCodec(deps.codecs, output.format)
  if (output.format === 'webp' && (ctx.size.width > deps.limits.maxWebpSide || ctx.size.height > deps.limits.maxWebpSide)) {
    throw new ImgError('ImageTooLarge', `Maximum width and height allowed is ${deps.limits.maxWebpSide} pixels for converting webp.`)
  }
  if (output.flattenToWhite && (ctx.alpha || probe.hasAlpha)) {
    const flatten = need(ctx, 'flatten', 'format')
    steps.push(addStep(ctx, 'format', 'flatten', { background: 'FFFFFF' }, ctx.size, (image) => flatten(image, WHITE)))
  }
  const verdict = animationVerdict(probe, output.format, actions, (a) => plannerFor(a, deps))
  return { ...base, ...hint, kind: 'image', ...verdict, autoOrient, steps, output, size: ctx.size }
}

function plannerFor(action: Action, deps: PlanDeps): AnyActionPlanner {
  const planner = deps.actions.get(action.name)
  if (!planner) throw new ImgError('InvalidArgument', `The operation ${action.name} is not supported.`, { argument: action.name, span: action.span })
  return planner
}

/** info must stand alone (spec 2.15); average-hue ends the chain. */
function inspectKind(actions: readonly Action[]): PlanKind {
  const inspectAt = actions.findIndex((a) => INSPECT.has(a.name))
  if (inspectAt === -1) return 'image'
  const name = actions[inspectAt]!.name
  if (name === 'info' && actions.length > 1) {
    throw new ImgError('InvalidArgument', 'The info operation cannot be combined with other operations.', { argument: 'info', span: actions[inspectAt]!.span })
  }
  if (inspectAt !== actions.length - 1) {
    throw new ImgError('InvalidArgument', `The ${name} operation must be the last one.`, { argument: name, span: actions[inspectAt]!.span })
  }
  return name as PlanKind
}

function newContext(dialect: Dialect, deps: PlanDeps, probe: ProbeResult): PlanContext {
  const output: OutputRequest = {}
  const ctx: PlanContext = {
    dialect, limits: deps.limits, source: probe, pixels: deps.pixels, output,
    size: { width: probe.width, height: probe.height },
    alpha: probe.hasAlpha,
    animated: probe.frames > 1,
    imageWatermarks: 0,
    loadObject: (key, bucket) => loadWatermarkObject(key, bucket, deps),
    planNested: (object, process, baseSize) => planNested(object, process, baseSize, dialect, deps),
  }
  return ctx
}

async function loadWatermarkObject(key: string, bucket: string | undefined, deps: PlanDeps): Promise<LoadedObject> {
  if (!deps.loadObject) throw new ImgError('NotImplemented', 'Image watermarks need a loadObject function.')
  const bytes = await deps.loadObject(key, bucket)
  if (!bytes) throw new ImgError('NoSuchKey', 'The watermark object does not exist.', { fields: { Key: key } })
  checkSourceBytes(bytes.byteLength, deps.limits)
  const codec = deps.codecs.forBytes(bytes)
  if (!codec) throw new ImgError('WatermarkError', 'The watermark image format is not supported.', { fields: { Key: key } })
  const probe = codec.probe(bytes)
  checkSourceHeader(probe, deps.limits)
  return { key, bytes, probe }
}

/** The watermark object's own process (spec 2.14; the grammar allows only nestable actions), `P_` as a percent of the base. */
async function planNested(
  object: LoadedObject, process: ParsedProcess | undefined, base: Size, dialect: Dialect, deps: PlanDeps,
): Promise<NestedPlan> {
  const ctx = newContext(dialect, deps, object.probe)
  const steps: Step[] = []
  const actions = process?.chain.kind === 'image' ? process.chain.actions : []
  for (const action of actions) {
    const effective = withPercentOfBase(action, base)
    steps.push(...(await plannerFor(effective, deps).plan(effective, ctx)))
  }
  return { object, steps, output: ctx.size }
}

/** `P_30`: the watermark fits in 30% of the base image's width and height (lfit, enlarging allowed). */
function withPercentOfBase(action: Action, base: Size): Action {
  if (action.name !== 'resize' || action.params.P === undefined) return action
  const { P: percent, ...rest } = action.params
  const w = Math.max(1, Math.round((base.width * percent) / 100))
  const h = Math.max(1, Math.round((base.height * percent) / 100))
  return { ...action, params: { ...rest, m: 'lfit', w, h, limit: 0 } }
}
