import { ImgError, recyclePixels, type Frame, type ImageFormat, type RawImage } from '@imgproc/types'
import { averageHue, averageHueJson } from './average-hue.js'
import { outputCodec, sourceCodec, type CodecLookup } from './codec-lookup.js'
import { infoJson, type InfoFacts } from './info.js'
import { mimeTypeOf } from './output-settings.js'
import type { PixelOps } from './pixels.js'
import type { Plan } from './plan.js'
import { wholeBlockRegion } from './shrink-on-load.js'
import type { RunContext } from './step.js'

/** An encoded image. */
export interface ImageResult {
  kind: 'image'
  bytes: Uint8Array
  mimeType: string
  format: ImageFormat
  width: number
  height: number
  /** frames written (1 unless an animation was kept) */
  frames: number
}

/** JSON answered by info / average-hue (`bytes` is the UTF-8 body, ready to send). */
export interface JsonResult {
  kind: 'json'
  json: Record<string, unknown>
  bytes: Uint8Array
  mimeType: 'application/json'
}

export type ProcessResult = (ImageResult | JsonResult) & { plan: Plan }

export interface RunDeps {
  codecs: CodecLookup
  pixels: PixelOps
  /** header-only extras for info (EXIF tags, JFIF density) */
  infoExtras: (bytes: Uint8Array) => Pick<InfoFacts, 'exif' | 'density'>
}

export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImgError('RequestAborted', undefined, { cause: signal.reason })
}

/**
 * Hands `done`'s pixels back to the pool (types' pixel-pool.ts) once `next` has replaced it, unless
 * `next` still uses them (a step may return its input, or a view into it). Every image runPlan
 * holds is its own: decoded from the caller's bytes, or made by a step from such an image.
 */
function retire(done: RawImage, next: RawImage): void {
  if (done.data.buffer !== next.data.buffer) recyclePixels(done.data)
}

function jsonResult(json: Record<string, unknown>, plan: Plan): ProcessResult {
  return { kind: 'json', json, bytes: new TextEncoder().encode(JSON.stringify(json)), mimeType: 'application/json', plan }
}

/** Runs the steps in order (every frame when the animation is kept), checking the signal between steps. */
export async function runPlan(plan: Plan, bytes: Uint8Array, deps: RunDeps, signal?: AbortSignal): Promise<ProcessResult> {
  checkAborted(signal)
  const { source } = plan
  if (plan.kind === 'info') {
    const facts: InfoFacts = { ...source, ...deps.infoExtras(bytes), byteLength: source.byteLength }
    return jsonResult(infoJson(facts, plan.dialect), plan)
  }
  if (plan.kind === 'original') {
    return { kind: 'image', bytes, mimeType: mimeTypeOf(source.format), format: source.format, width: source.width, height: source.height, frames: source.frames, plan }
  }
  const codec = sourceCodec(deps.codecs, bytes)
  const ctx: RunContext = {
    pixels: deps.pixels,
    signal,
    decodeObject: async (object) => (await sourceCodec(deps.codecs, object.bytes).decode(object.bytes, { firstFrameOnly: true, signal, limits: plan.decodeLimits })).image,
  }
  const decoded = await codec.decode(bytes, {
    firstFrameOnly: !plan.animated, signal, limits: plan.decodeLimits, ...plan.shrinkOnLoad, quarterTurns: plan.turnOnLoad,
  }).catch((cause: unknown) => {
    throw cause instanceof ImgError ? cause : new ImgError('BadRequest', 'The image cannot be decoded.', { cause })
  })
  // a DCT-scaled JPEG keeps only its whole blocks, as libvips does (shrink-on-load.ts)
  const whole = plan.shrinkOnLoad && wholeBlockRegion(source, decoded.image, plan.shrinkOnLoad)
  const image = whole && deps.pixels.extract ? deps.pixels.extract(decoded.image, whole) : decoded.image
  const animation = plan.animated && decoded.frames?.length ? decoded.frames : undefined
  let frames: Frame[] = animation ?? [{ image, delayMs: 0 }]
  // a still image's buffers are recycled as soon as the next replaces them (frames of an
  // animation may share buffers with each other: left to the collector)
  const still = !animation
  if (still) retire(decoded.image, image)
  // turn-on-load (turn-on-load.ts): the decoder already made the first step's turn
  const steps = plan.turnOnLoad && decoded.turned === plan.turnOnLoad ? plan.steps.slice(1) : plan.steps
  for (const step of steps) {
    checkAborted(signal)
    const next: Frame[] = []
    for (const frame of frames) next.push({ image: await step.run(frame.image, ctx), delayMs: frame.delayMs })
    if (still) retire(frames[0]!.image, next[0]!.image)
    frames = next
  }
  checkAborted(signal)
  const first: RawImage = frames[0]!.image
  if (plan.kind === 'average-hue') return jsonResult(averageHueJson(averageHue(first), plan.dialect), plan)

  const output = plan.output!
  const encoder = outputCodec(deps.codecs, output.format)
  // No metadata is handed on: the pixels are sRGB (decode applied any ICC profile) and may be turned,
  // so neither the source's profile nor its EXIF Orientation would be true of them (README, metadata).
  // The encoders write none of their own (codecs' encode-metadata.test.ts, output-metadata.test.ts).
  const encoded = await encoder.encode(first, {
    quality: output.quality,
    progressive: output.progressive,
    frames: frames.length > 1 ? frames : undefined,
    loop: frames.length > 1 ? decoded.loop : undefined,
  })
  if (still) recyclePixels(first.data)
  return {
    kind: 'image', bytes: encoded, mimeType: output.mimeType, format: output.format,
    width: first.width, height: first.height, frames: frames.length, plan,
  }
}
