import { decode, sniff } from '@imgproc/codecs'
import * as engineModule from '@imgproc/engine'
import { ImgError } from '@imgproc/types'
import { fnv1a } from './checksum.js'
import { part, type PartResult } from './parts.js'

/** The part of the engine's API the smoke suite uses (see packages/engine/README.md). */
interface EngineResult {
  kind: 'image' | 'json'
  bytes: Uint8Array
  mimeType: string
  width?: number
  height?: number
  json?: unknown
}
export interface SmokeEngine {
  process(bytes: Uint8Array, processString: string, options: { dialect: 'oss' | 'obs' }): Promise<EngineResult>
}
type CreateEngine = (options?: Record<string, unknown>) => SmokeEngine

/**
 * The engine, or the typed reason it cannot be had. While @imgproc/engine is being written its
 * entry may not export `createEngine` yet: every runtime then reports the same NotImplemented,
 * and the driver says so (`ENGINE_PENDING`) instead of passing silently.
 */
export function openEngine(options: Record<string, unknown> = {}): SmokeEngine {
  const create = (engineModule as unknown as { createEngine?: CreateEngine }).createEngine
  if (typeof create !== 'function') throw new ImgError('NotImplemented', ENGINE_PENDING)
  return create(options)
}

export const ENGINE_PENDING = '@imgproc/engine does not export createEngine yet'

/**
 * The requests on each encoded source: each pipeline (output format, size, a checksum
 * of the decoded output pixels), `image/info` and `image/average-hue` (their JSON).
 */
export async function engineParts(parts: Record<string, PartResult>, engineOptions: Record<string, unknown>, sources: ReadonlyMap<string, Uint8Array>, pipelines: Record<string, string>): Promise<void> {
  let engine: SmokeEngine | undefined
  const get = () => (engine ??= openEngine(engineOptions))
  for (const [format, bytes] of sources) {
    for (const [name, pipeline] of Object.entries(pipelines)) {
      await part(parts, `engine.${format}.${name}`, async () => {
        const result = await get().process(bytes, pipeline, { dialect: 'oss' })
        if (result.kind !== 'image') throw new Error(`${name} answered ${result.kind}`)
        const { image } = await decode(result.bytes)
        return {
          mimeType: result.mimeType,
          sniffed: sniff(result.bytes),
          size: [result.width, result.height],
          decoded: { size: [image.width, image.height], pixels: fnv1a(image.data) },
        }
      })
    }
    for (const action of ['info', 'average-hue']) {
      await part(parts, `engine.${format}.${action}`, async () => {
        const result = await get().process(bytes, `image/${action}`, { dialect: 'oss' })
        if (result.kind !== 'json') throw new Error(`image/${action} answered ${result.kind}`)
        return result.json
      })
    }
  }
}
