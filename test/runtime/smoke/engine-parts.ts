import { decode, sniff } from '@imgproc/codecs'
import { createEngine, type Engine, type EngineOptions } from '@imgproc/engine'
import { fnv1a } from './checksum.js'
import { part, type PartResult } from './parts.js'

/**
 * The requests on each encoded source: each pipeline (output format, size, a checksum
 * of the decoded output pixels), `image/info` and `image/average-hue` (their JSON).
 */
export async function engineParts(parts: Record<string, PartResult>, engineOptions: EngineOptions, sources: ReadonlyMap<string, Uint8Array>, pipelines: Record<string, string>): Promise<void> {
  let engine: Engine | undefined
  const get = () => (engine ??= createEngine(engineOptions))
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
