import type { BenchCodec, Contender } from '../contender.js'

type Codecs = typeof import('@imgproc/codecs')
type Engine = typeof import('@imgproc/engine')

const PROCESS_FORMAT: Record<BenchCodec, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif' }

/**
 * The OSS process string for a benchmark pipeline, so imgproc runs exactly what a user would send.
 * `limit_0` lets it enlarge like the peers do, so a small input costs every contender the same work.
 */
export function pipelineProcess(codec: BenchCodec, quality: number, width?: number): string {
  const actions = [width ? `resize,w_${width},limit_0` : '', codec === 'png' ? '' : `quality,Q_${quality}`, `format,${PROCESS_FORMAT[codec]}`]
  return `image/${actions.filter(Boolean).join('/')}`
}

/** imgproc itself: its codecs for decode/encode, its engine for the pipelines. */
export function imgprocContender(): Contender {
  let codecs: Codecs
  let engine: ReturnType<Engine['createEngine']>
  return {
    name: 'imgproc',
    encodes: ['jpeg', 'png', 'webp', 'avif'],
    describe: () => 'imgproc (engine + its WASM codecs: libjpeg-turbo, squoosh PNG, libwebp, libavif; single thread)',
    async load() {
      const node = await import('@imgproc/codecs/node')
      await node.initNode()
      codecs = await import('@imgproc/codecs')
      const { createEngine } = await import('@imgproc/engine')
      engine = createEngine({})
    },
    async decode(bytes) {
      return (await codecs.decode(bytes, { firstFrameOnly: true })).image
    },
    async encode(image, { codec, quality }) {
      return codecs.encode(image, codec, codec === 'png' ? {} : { quality })
    },
    async pipeline(bytes, { codec, quality, width }) {
      const result = await engine.process(bytes, pipelineProcess(codec, quality, width))
      if (result.kind !== 'image') throw new Error('the engine returned JSON for an image pipeline')
      return result.bytes
    },
  }
}
