import { parse, type ImageChain, type ParsedProcess } from '@imgproc/grammar'
import { codecs as defaultCodecs } from '@imgproc/codecs'
import { readExif } from '@imgproc/codecs'
import { ImgError, type Codec } from '@imgproc/types'
import { actionRegistry } from './actions/index.js'
import { createTextFonts, toFontSource, type FontInput } from './text-fonts.js'
import { toCodecLookup } from './codec-lookup.js'
import { explain } from './explain.js'
import { jfifDensity } from './jfif.js'
import { opsPixels, resizeWithGap } from './ops-pixels.js'
import { defaultLimits, type Limits } from './limits.js'
import { buildPlan, type ChainInput, type Plan } from './plan.js'
import type { PixelOps } from './pixels.js'
import { checkAborted, runPlan, type ProcessResult } from './run.js'
import type { Dialect } from './types.js'

export interface EngineOptions {
  /** codec adapters (a list, or a registry with `.codecs`); default: every codec of @imgproc/codecs */
  codecs?: readonly Codec[] | { readonly codecs: readonly Codec[] }
  /**
   * font bytes by OSS font name, for text watermarks: a function, a record, or an ops FontProvider
   * (`{ load }`). Tried first; the bundled fonts then draw every character it lacks (text-fonts.ts)
   */
  fonts?: FontInput
  /**
   * the fonts that travel with imgproc (@imgproc/fonts: Noto Sans SC for the OSS names, Arabic,
   * Hebrew, Devanagari, Thai; read by the code points of the text, from beside the package's code);
   * default true. false: only `fonts` and `fallbackFonts` draw text
   */
  bundledFonts?: boolean
  /** fonts by name tried last, for characters neither `fonts` nor the bundled fonts have (Node: the system's) */
  fallbackFonts?: FontInput
  /** reads a watermark object (OSS: key in the source bucket; OBS: bucket named in `image_`); null = missing */
  loadObject?: (key: string, bucket?: string) => Promise<Uint8Array | null>
  /** resolves `style/<name>`; null = NoSuchStyle */
  getStyle?: (name: string) => Promise<string | null>
  /** overrides of the per-dialect limits (limits.ts) */
  limits?: Partial<Limits>
  /** pixel primitives replacing the default ones (@imgproc/ops) */
  pixels?: Partial<PixelOps>
  /** box pre-shrink gap of the resampler: 2 (default, libvips' own) ... 1 (faster, further from sharp/libvips); see ops-pixels.ts */
  resampleGap?: number
  /**
   * decode JPEG smaller (DCT scaling) when the chain starts by shrinking the whole image; default
   * true, as sharp's fastShrinkOnLoad. false: always decode full size (shrink-on-load.ts)
   */
  shrinkOnLoad?: boolean
  /**
   * let a JPEG decoder turn the image while decoding when the chain starts by turning it a right
   * angle (EXIF orientation 3/6/8, rotate,90/180/270); default true. Same pixels either way (turn-on-load.ts)
   */
  turnOnLoad?: boolean
  /** apply EXIF orientation when no auto-orient is written; default OSS false, OBS true (README) */
  autoOrientByDefault?: Partial<Record<Dialect, boolean>>
}

export interface ProcessOptions {
  /** 'oss' (default) or 'obs' */
  dialect?: Dialect
  signal?: AbortSignal
  /**
   * reads this call's watermark objects, in place of `EngineOptions.loadObject`: a server passes
   * one bound to the caller's rights, so the engine never reads storage on its own
   */
  loadObject?: (key: string, bucket?: string) => Promise<Uint8Array | null>
}

/**
 * A process given as `ParsedProcess` is not parsed again: the output of `parse` from
 * @imgproc/grammar, as is or structured-cloned (a server parses once on its event loop and sends the
 * result to a worker thread). Its values are trusted as the parser checked them, so it must come
 * from that parser, never be built from what a client sent. Its dialect is the call's.
 */
export interface Engine {
  /** parse + plan + run: the encoded image, or JSON for info / average-hue */
  process(input: Uint8Array, process: string | ParsedProcess, options?: ProcessOptions): Promise<ProcessResult>
  /** everything decided from the header, no decode (watermark objects are loaded and probed) */
  plan(input: Uint8Array, process: string | ParsedProcess, options?: ProcessOptions): Promise<Plan>
  /** runs a plan made by `plan` on the same input */
  run(plan: Plan, input: Uint8Array, options?: Pick<ProcessOptions, 'signal'>): Promise<ProcessResult>
  /** the plan as readable text */
  explain(input: Uint8Array, process: string | ParsedProcess, options?: ProcessOptions): Promise<string>
}

export function createEngine(options: EngineOptions = {}): Engine {
  const codecs = toCodecLookup(options.codecs ?? defaultCodecs)
  const pixels: PixelOps = {
    ...opsPixels,
    ...(options.resampleGap === undefined ? {} : { resize: resizeWithGap(options.resampleGap) }),
    ...options.pixels,
  }
  const textFonts = createTextFonts({
    fonts: toFontSource(options.fonts),
    bundled: options.bundledFonts ?? true,
    fallback: toFontSource(options.fallbackFonts),
  })
  const actions = actionRegistry(textFonts)
  const orientDefaults = { oss: false, obs: true, ...options.autoOrientByDefault }

  async function resolveChain(process: string | ParsedProcess, dialect: Dialect): Promise<ChainInput> {
    const parsed = typeof process === 'string' ? parse(process, { dialect }) : process
    const saveAs = parsed.saveAs
    if (parsed.chain.kind === 'image') return { chain: parsed.chain, source: parsed.source, saveAs }
    const name = parsed.chain.name
    if (!options.getStyle) throw new ImgError('NoSuchStyle', `The style ${name} does not exist.`)
    const content = await options.getStyle(name)
    if (content === null) throw new ImgError('NoSuchStyle', `The style ${name} does not exist.`)
    const styled = parse(content, { dialect })
    // A style holds an image chain; a style pointing at a style is refused (no recursion).
    if (styled.chain.kind !== 'image') throw new ImgError('InvalidArgument', `The style ${name} must contain an image process.`)
    return { chain: styled.chain as ImageChain, source: styled.source, style: name, saveAs }
  }

  async function plan(input: Uint8Array, process: string | ParsedProcess, opts: ProcessOptions = {}): Promise<Plan> {
    const dialect = opts.dialect ?? (typeof process === 'string' ? 'oss' : process.dialect)
    // the parser's checks are per dialect: an OSS parse run with OBS semantics would skip OBS's
    if (typeof process !== 'string' && process.dialect !== dialect) {
      throw new ImgError('InvalidArgument', `The process was parsed for ${process.dialect}, not ${dialect}.`)
    }
    checkAborted(opts.signal)
    const chain = await resolveChain(process, dialect)
    return buildPlan(chain, input, dialect, {
      codecs, pixels, actions,
      limits: { ...defaultLimits(dialect), ...options.limits },
      loadObject: opts.loadObject ?? options.loadObject,
      autoOrientByDefault: orientDefaults[dialect],
      shrinkOnLoad: options.shrinkOnLoad ?? true,
      turnOnLoad: options.turnOnLoad ?? true,
    })
  }

  const runDeps = {
    codecs, pixels,
    infoExtras: (bytes: Uint8Array) => ({ exif: safeExif(bytes), density: jfifDensity(bytes) }),
  }

  return {
    plan,
    run: (made, input, opts = {}) => runPlan(made, input, runDeps, opts.signal),
    async process(input, process, opts = {}) {
      const made = await plan(input, process, opts)
      return runPlan(made, input, runDeps, opts.signal)
    },
    async explain(input, process, opts = {}) {
      return explain(await plan(input, process, opts))
    },
  }
}

/** EXIF for info; a damaged EXIF block is reported as none rather than failing the whole request. */
function safeExif(bytes: Uint8Array): Record<string, string> | undefined {
  try {
    const fields = readExif(bytes)
    return Object.keys(fields).length ? fields : undefined
  } catch {
    return undefined
  }
}
