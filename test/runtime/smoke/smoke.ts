import { decode, jpegCodec, pngCodec, probe, sniff, webpCodec } from '@imgproc/codecs'
import type { EngineOptions } from '@imgproc/engine'
import { encodeBase64Url, parse, serialize } from '@imgproc/grammar'
import { isImgError, type Codec } from '@imgproc/types'
import { cmykJpeg } from '../../../packages/codecs/src/formats/jpeg-cmyk.fixture.js'
import { embedInJpeg, P3_COLORANTS, rgbProfile } from '../../../packages/codecs/src/icc/synthetic-profiles.js'
import { fnv1a } from './checksum.js'
import { engineParts } from './engine-parts.js'
import { smokeImage } from './fixture.js'
import { part, type PartResult, type SmokeReport } from './parts.js'

export type { PartResult, SmokeReport }

/** The pipeline: every kind of step (orientation, geometry, text rendering, encoding). */
export const PIPELINE = `image/auto-orient,1/resize,m_fill,w_200,h_150/rotate,90/watermark,text_${encodeBase64Url('imgproc smoke')}/format,webp`
/** The same steps without the text watermark, so geometry and encoding are compared even where text cannot be drawn. */
export const GEOMETRY = 'image/auto-orient,1/resize,m_fill,w_200,h_150/rotate,90/format,webp'
/** A string the grammar must refuse, with the caret under `w_0`. */
export const BAD_STRING = 'image/resize,w_0'

export interface SmokeEnv {
  /** runtime name, reported back */
  runtime: string
  /** hands the codecs their WASM the way this runtime needs it (omitted where the default loader works) */
  initCodecs?: () => Promise<void>
  /** extra `createEngine` options this runtime needs (a font source, for instance) */
  engineOptions?: EngineOptions
}

/** Everything the runtime matrix compares with Node's result. */
export async function runSmoke(env: SmokeEnv): Promise<SmokeReport> {
  const parts: Record<string, PartResult> = {}
  await part(parts, 'platform', async () => {
    const image = smokeImage()
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', image.data))
    return { width: image.width, height: image.height, pixels: fnv1a(image.data), sha256: fnv1a(digest), wasm: typeof WebAssembly.compile }
  })
  await part(parts, 'grammar.parse', () => {
    const ast = parse(PIPELINE, { dialect: 'oss' })
    const obs = parse('image/resize,w_100,h_50/rotate,90', { dialect: 'obs' })
    return { canonical: serialize(ast), actions: ast.chain.kind === 'image' ? ast.chain.actions.map((a) => a.name) : [], obs: serialize(obs) }
  })
  await part(parts, 'grammar.error', () => {
    try {
      parse(BAD_STRING)
    } catch (error) {
      if (isImgError(error)) return { code: error.code, message: error.message, caret: error.fragment() }
      throw error
    }
    throw new Error(`${BAD_STRING} parsed without an error`)
  })
  await part(parts, 'codecs.init', async () => {
    await env.initCodecs?.()
    return 'ready'
  })
  for (const codec of [jpegCodec, pngCodec, webpCodec]) await codecPart(parts, codec)
  await part(parts, 'codecs.icc', async () => {
    // the JPEG above, tagged with a Display P3 profile: converted to sRGB on decode (jsColorEngine)
    const jpeg = encoded.get('jpeg')
    if (!jpeg) throw new Error('codecs.jpeg made no JPEG')
    const tagged = embedInJpeg(jpeg, rgbProfile('Display P3 (test)', P3_COLORANTS))
    const managed = await decode(tagged)
    const raw = await decode(tagged, { ignoreIcc: true })
    return { pixels: fnv1a(managed.image.data), converted: fnv1a(managed.image.data) !== fnv1a(raw.image.data) }
  })
  await part(parts, 'codecs.cmyk', async () => {
    // a YCCK JPEG without a profile: the standard CMYK profile is imported on first use (a module
    // the bundle loads lazily) and applied with jsColorEngine; white, cyan, magenta, yellow, black
    const inks = [[0, 0, 0, 0], [255, 0, 0, 0], [0, 255, 0, 0], [0, 0, 255, 0], [0, 0, 0, 255]] as const
    const { image } = await decode(cmykJpeg({ width: 8 * inks.length, height: 8, block: (bx) => inks[bx]!, kind: 'ycck' }))
    return { pixels: fnv1a(image.data), patches: inks.map((_, i) => Array.from(image.data.subarray(i * 32 + 16, i * 32 + 19))) }
  })
  await part(parts, 'font', () => {
    // the runtime's way of reading a file beside its code: same bytes everywhere, or none everywhere
    const fonts = env.engineOptions?.fonts as Record<string, Uint8Array> | undefined
    const font = fonts?.['wqy-zenhei']
    return font ? { bytes: font.byteLength, checksum: fnv1a(font) } : null
  })
  await engineParts(parts, env.engineOptions ?? {}, encoded, { pipeline: PIPELINE, geometry: GEOMETRY })
  return { runtime: env.runtime, parts }
}

/** The source picture encoded in one format, kept for the engine parts. */
export const encoded = new Map<string, Uint8Array>()

async function codecPart(parts: Record<string, PartResult>, codec: Codec): Promise<void> {
  await part(parts, `codecs.${codec.format}`, async () => {
    const bytes = await codec.encode(smokeImage(), { quality: 80 })
    encoded.set(codec.format, bytes)
    const header = probe(bytes)
    const decoded = await decode(bytes)
    return {
      sniffed: sniff(bytes),
      encodedBytes: bytes.byteLength,
      encoded: fnv1a(bytes),
      probed: { format: header.format, width: header.width, height: header.height },
      decoded: { width: decoded.image.width, height: decoded.image.height, pixels: fnv1a(decoded.image.data) },
    }
  })
}
