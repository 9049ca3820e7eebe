/**
 * The cases behind turbo-simd.test.ts, which checks that our libjpeg-turbo build's SIMD128
 * kernels (native/libjpeg-turbo/jsimd_wasm*.c) leave every output byte as libjpeg-turbo's C code
 * makes it: each corpus JPEG decoded at 1/1, 1/2, 1/4 and 1/8 and re-encoded (baseline and
 * progressive, three qualities), synthetic images of odd sizes encoded and decoded, and the
 * four-component fixture (CMYK, YCCK). Each case reduces its output to a digest.
 *
 * Run as a script against a scalar build of the same sources, it records what the C code makes,
 * `turbo-scalar-digests.json`, which the test holds the committed (SIMD) build to:
 *
 *   sh packages/codecs/native/libjpeg-turbo/build.sh --scalar --out /tmp/ljt-scalar
 *   pnpm exec tsx packages/codecs/src/node-turbo-simd.fixture.ts /tmp/ljt-scalar
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { cmykJpeg } from './formats/jpeg-cmyk.fixture.js'
import type { LibjpegTurboModule } from './wasm/libjpeg_turbo.js'

/** One build of native/libjpeg-turbo, driven through imgproc_jpeg.c's functions. */
export interface TurboBuild {
  /** the SIMD kernel mask in force before (ij_simd; -1 reads it); always 0 in a scalar build */
  simd(mask: number): number
  /** digest of the decoded pixels (size, layout, warning included), or `error: <message>` */
  decode(jpeg: Uint8Array, denom: number): string
  /** the decoded RGBA image (for re-encoding), undefined for CMYK output or a failure */
  decodeImage(jpeg: Uint8Array, denom: number): Image | undefined
  /** the encoded bytes, or undefined on failure */
  encode(image: Image, quality: number, progressive: boolean): Uint8Array | undefined
}

export interface Image {
  width: number
  height: number
  data: Uint8Array
}

export interface JpegCase {
  name: string
  run(build: TurboBuild): string
}

export const SCALES = [1, 2, 4, 8] as const
export const corpusDir = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url))
export const digestsFile = fileURLToPath(new URL('./turbo-scalar-digests.json', import.meta.url))
const ENCODINGS = [
  { quality: 80, progressive: false },
  { quality: 80, progressive: true },
  { quality: 95, progressive: false },
  { quality: 30, progressive: false },
] as const

/** Instantiates libjpeg_turbo.{js,wasm} from `dir` (a fresh instance of its own). */
export async function loadTurboModule(dir: string): Promise<LibjpegTurboModule> {
  const glue = (await import(pathToFileURL(`${dir}/libjpeg_turbo.js`).href)) as {
    default: (options: Record<string, unknown>) => Promise<LibjpegTurboModule>
  }
  const module = await WebAssembly.compile(readFileSync(`${dir}/libjpeg_turbo.wasm`))
  return glue.default({
    instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
      void WebAssembly.instantiate(module, imports).then((instance) => done(instance, module))
      return {}
    },
  })
}

/** Loads the build in `dir` and drives it for the cases below. */
export async function loadTurbo(dir: string): Promise<TurboBuild> {
  const wasm = await loadTurboModule(dir)
  const state = wasm._ij_state()
  const text = (at: number): string => {
    const end = wasm.HEAPU8.indexOf(0, at)
    return new TextDecoder().decode(wasm.HEAPU8.subarray(at, end))
  }
  // runs a decode; hands the output (still in the heap) to `use`, then frees it
  const decoded = <T>(jpeg: Uint8Array, denom: number, use: (out: Image & { components: number; warning: string } | string) => T): T => {
    const source = wasm._ij_malloc(jpeg.length)
    wasm.HEAPU8.set(jpeg, source)
    const failed = wasm._ij_decode(source, jpeg.length, denom, 0)
    wasm._ij_free(source)
    if (failed) return use(`error: ${text(state + 24)}`)
    const [out, length] = [wasm.HEAPU32[state >>> 2]!, wasm.HEAPU32[(state >>> 2) + 1]!]
    const [width, height, components] = [wasm.HEAP32[(state >>> 2) + 2]!, wasm.HEAP32[(state >>> 2) + 3]!, wasm.HEAP32[(state >>> 2) + 4]!]
    try {
      return use({ width, height, components, warning: text(state + 224), data: wasm.HEAPU8.subarray(out, out + length) })
    } finally {
      wasm._ij_free(out)
    }
  }
  return {
    simd: (mask) => wasm._ij_simd(mask),
    decode: (jpeg, denom) =>
      decoded(jpeg, denom, (out) =>
        typeof out === 'string' ? out : digest(`${out.width}x${out.height} ${out.components === 4 ? 'cmyk' : 'rgba'}${out.warning ? ` (${out.warning})` : ''}`, out.data),
      ),
    decodeImage: (jpeg, denom) =>
      decoded(jpeg, denom, (out) =>
        typeof out === 'string' || out.components === 4 ? undefined : { width: out.width, height: out.height, data: out.data.slice() },
      ),
    encode(image, quality, progressive) {
      const pixels = wasm._ij_malloc(image.data.length)
      wasm.HEAPU8.set(image.data, pixels)
      const failed = wasm._ij_encode(pixels, image.width, image.height, quality, progressive ? 1 : 0)
      wasm._ij_free(pixels)
      if (failed) return undefined
      const out = wasm.HEAPU32[state >>> 2]!
      const bytes = wasm.HEAPU8.slice(out, out + wasm.HEAPU32[(state >>> 2) + 1]!)
      wasm._ij_free(out)
      return bytes
    },
  }
}

function digest(label: string, bytes: Uint8Array): string {
  return `${label} ${createHash('sha256').update(bytes).digest('hex').slice(0, 24)}`
}

function encodings(name: string, image: () => Image | undefined): JpegCase[] {
  return ENCODINGS.map(({ quality, progressive }) => ({
    name: `${name} encoded q${quality}${progressive ? ' progressive' : ''}`,
    run(build: TurboBuild) {
      const source = image()
      if (!source) return 'no RGBA image to encode'
      const jpeg = build.encode(source, quality, progressive)
      return jpeg ? digest(`${jpeg.length} bytes`, jpeg) : 'encode failed'
    },
  }))
}

function decodings(name: string, jpeg: () => Uint8Array, scales: readonly number[]): JpegCase[] {
  return scales.map((denom) => ({ name: `${name} decoded 1/${denom}`, run: (build: TurboBuild) => build.decode(jpeg(), denom) }))
}

/** Deterministic RGBA: gradients, a hard diagonal edge and pseudo-random noise. */
export function syntheticImage(width: number, height: number): Image {
  const data = new Uint8Array(width * height * 4)
  let seed = width * 7919 + height
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) >>> 0
      const noise = (seed >>> 24) & 31
      const i = (y * width + x) * 4
      data[i] = ((x * 255) / Math.max(1, width - 1) + noise) & 255
      data[i + 1] = x > y ? 230 - noise : 20 + noise
      data[i + 2] = ((y * 255) / Math.max(1, height - 1)) & 255
      data[i + 3] = 255
    }
  }
  return { width, height, data }
}

const SYNTHETIC_SIZES = [[1, 1], [2, 3], [7, 5], [15, 17], [16, 16], [17, 9], [33, 65], [100, 7], [257, 3], [640, 480]] as const

interface ManifestRow {
  path: string
  width: number
  height: number
}

function corpusJpegs(): ManifestRow[] {
  if (!existsSync(`${corpusDir}MANIFEST.tsv`)) return []
  return readFileSync(`${corpusDir}MANIFEST.tsv`, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((cells) => cells[4] === 'jpeg')
    .map((cells) => ({ path: cells[0]!, width: Number(cells[5]), height: Number(cells[6]) }))
}

/** Every case; corpus cases only when ../shared/corpus is present. */
export function jpegCases(build: () => TurboBuild): JpegCase[] {
  const cases: JpegCase[] = []
  for (const [width, height] of SYNTHETIC_SIZES) {
    const name = `synthetic ${width}x${height}`
    const image = syntheticImage(width, height)
    cases.push(...encodings(name, () => image))
    for (const progressive of [false, true]) {
      let jpeg: Uint8Array | undefined
      // encoded by the build under test with its kernels off: the input is then the C code's
      const source = () => (jpeg ??= withKernels(build(), 0, (b) => b.encode(image, 85, progressive))!)
      cases.push(...decodings(`${name} q85${progressive ? ' progressive' : ''}`, source, SCALES))
    }
  }
  const block = (bx: number, by: number) => [(bx * 40) & 255, (by * 60) & 255, ((bx + by) * 25) & 255, (bx * by * 9) & 255] as const
  for (const kind of ['cmyk', 'ycck'] as const) {
    const jpeg = cmykJpeg({ width: 40, height: 24, block, kind })
    cases.push(...decodings(`fixture ${kind} 40x24`, () => jpeg, SCALES))
  }
  for (const row of corpusJpegs()) {
    let bytes: Uint8Array | undefined
    const file = () => (bytes ??= new Uint8Array(readFileSync(corpusDir + row.path)))
    const pixels = row.width * row.height || 1
    // full-size decodes up to 12 Mpx; one moderate decode (<= 0.6 Mpx) is re-encoded
    cases.push(...decodings(row.path, file, SCALES.filter((d) => pixels / (d * d) <= 12e6)))
    const small = SCALES.find((d) => pixels / (d * d) <= 0.6e6) ?? 8
    let image: Image | undefined | null = null
    cases.push(...encodings(`${row.path} 1/${small}`, () => (image === null ? (image = withKernels(build(), 0, (b) => b.decodeImage(file(), small))) : image)))
  }
  return cases
}

/** Runs `task` with the build's kernel mask set to `mask`, restoring it after. */
export function withKernels<T>(build: TurboBuild, mask: number, task: (build: TurboBuild) => T): T {
  const previous = build.simd(mask)
  try {
    return task(build)
  } finally {
    build.simd(previous)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2]
  if (!dir) throw new Error('usage: tsx node-turbo-simd.fixture.ts <dir of a scalar build (build.sh --scalar --out DIR)>')
  const scalar = await loadTurbo(dir)
  if (scalar.simd(-1) !== 0) throw new Error(`${dir} holds a SIMD build; record the digests from build.sh --scalar`)
  if (!existsSync(`${corpusDir}MANIFEST.tsv`)) throw new Error(`the corpus (${corpusDir}) is needed to record every digest`)
  const digests: Record<string, string> = {}
  for (const c of jpegCases(() => scalar)) digests[c.name] = c.run(scalar)
  writeFileSync(digestsFile, `${JSON.stringify(digests, null, 1)}\n`)
  console.log(`${Object.keys(digests).length} digests written to ${digestsFile}`)
}
