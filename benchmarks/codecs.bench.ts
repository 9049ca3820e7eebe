/**
 * Codec speed: @imgproc/codecs against sharp (libvips, one thread) and the plain @jsquash calls,
 * decode and encode per format, median of RUNS runs after one warm-up, each library in this one
 * process. Also the fast JPEG path (baseline, IJG tables) against mozjpeg's defaults at equal
 * quality setting: time, size and PSNR. Writes benchmarks/results/codecs.md.
 *
 *   pnpm exec tsx benchmarks/codecs.bench.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { median as timeMedian } from './timing.js'
// The raw jSquash entry points, from the codecs package's own dependencies (same versions).
import jsqJpegDecode, { init as initJsqJpegDec } from '../packages/codecs/node_modules/@jsquash/jpeg/decode.js'
import jsqJpegEncode, { init as initJsqJpegEnc } from '../packages/codecs/node_modules/@jsquash/jpeg/encode.js'
import { decode as jsqPngDecode, init as initJsqPng } from '../packages/codecs/node_modules/@jsquash/png/decode.js'
import jsqPngEncode from '../packages/codecs/node_modules/@jsquash/png/encode.js'
import jsqWebpDecode, { init as initJsqWebpDec } from '../packages/codecs/node_modules/@jsquash/webp/decode.js'
import jsqWebpEncode, { init as initJsqWebpEnc } from '../packages/codecs/node_modules/@jsquash/webp/encode.js'
import { decode, encode } from '../packages/codecs/src/index.js'
import { initNode, nodeWasmPath } from '../packages/codecs/src/node.js'
import { psnr } from '../packages/codecs/src/testing.js'

const RUNS = Number(process.env.RUNS ?? 5)
const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url))
sharp.concurrency(1)
sharp.cache(false)

/** plain @jsquash's JPEG decoder (mozjpeg), the peer; imgproc itself decodes JPEG with libjpeg-turbo */
const jsquashJpegDecoderWasm = fileURLToPath(new URL('../packages/codecs/node_modules/@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm', import.meta.url))

const median = (task: () => Promise<unknown>): Promise<number> => timeMedian(task, RUNS)

const compile = async (file: Parameters<typeof nodeWasmPath>[0]) => WebAssembly.compile(readFileSync(nodeWasmPath(file)))

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0]!.toFixed(2)
  await initNode()
  await initJsqJpegDec(await WebAssembly.compile(readFileSync(jsquashJpegDecoderWasm)))
  await initJsqJpegEnc(await compile('mozjpeg_enc.wasm'))
  await initJsqPng(await WebAssembly.compile(readFileSync(fileURLToPath(new URL('../packages/codecs/node_modules/@jsquash/png/codec/pkg/squoosh_png_bg.wasm', import.meta.url)))))
  await initJsqWebpDec(await compile('webp_dec.wasm'))
  await initJsqWebpEnc(await compile('webp_enc_simd.wasm'))

  const rows: string[] = []
  const row = (...cells: Array<string | number>) => rows.push(`| ${cells.join(' | ')} |`)
  const ms = (value: number) => value.toFixed(1)

  const inputs = [
    { format: 'jpeg' as const, path: 'bench/sharp-2569067123_aca715a2ee_o.jpg' },
    { format: 'png' as const, path: 'bench/sharp-alpha-premultiply-2048x1536-paper.png' },
    { format: 'webp' as const, path: 'bench/sharp-4.webp' },
  ]
  rows.push('## Decode and encode (ms, median)', '', '| format | input | step | @imgproc/codecs | raw @jsquash | sharp (1 thread) | ours / jsquash | ours / sharp |', '|---|---|---|---|---|---|---|---|')
  for (const { format, path } of inputs) {
    const bytes = new Uint8Array(readFileSync(corpus + path))
    const { image } = await decode(bytes)
    const size = `${image.width}x${image.height}`
    const jsqDecode = { jpeg: () => jsqJpegDecode(bytes), png: () => jsqPngDecode(bytes), webp: () => jsqWebpDecode(bytes) }[format]
    const ours = await median(() => decode(bytes))
    const raw = await median(jsqDecode as () => Promise<unknown>)
    const viaSharp = await median(() => sharp(bytes).ensureAlpha().raw().toBuffer())
    row(format, size, 'decode', ms(ours), ms(raw), ms(viaSharp), (ours / raw).toFixed(2), (ours / viaSharp).toFixed(2))
    const imageData = { data: image.data, width: image.width, height: image.height, colorSpace: 'srgb' as const }
    const rawInput = { raw: { width: image.width, height: image.height, channels: 4 as const } }
    const encoders = {
      jpeg: [() => encode(image, 'jpeg', { quality: 80 }), () => jsqJpegEncode(imageData as ImageData, { quality: 80 }), () => sharp(image.data, rawInput).jpeg({ quality: 80 }).toBuffer()],
      png: [() => encode(image, 'png'), () => jsqPngEncode(imageData as ImageData), () => sharp(image.data, rawInput).png().toBuffer()],
      webp: [() => encode(image, 'webp', { quality: 80 }), () => jsqWebpEncode(imageData as ImageData, { quality: 80 }), () => sharp(image.data, rawInput).webp({ quality: 80 }).toBuffer()],
    }[format]
    const [e0, e1, e2] = [await median(encoders[0]!), await median(encoders[1]!), await median(encoders[2]!)]
    row(format, size, format === 'png' ? 'encode (lossless)' : 'encode q80', ms(e0), ms(e1), ms(e2), (e0 / e1).toFixed(2), (e0 / e2).toFixed(2))
  }

  // The fast JPEG path claim: same quality setting, our default vs mozjpeg's defaults.
  const photo = (await decode(new Uint8Array(readFileSync(corpus + inputs[0]!.path)))).image
  rows.push('', '## JPEG: fast baseline path vs mozjpeg defaults (2725x2225 photo)', '', '| quality | path | encode ms | bytes | PSNR dB |', '|---|---|---|---|---|')
  for (const quality of [75, 85]) {
    for (const [name, options] of [
      ['fast (default: baseline, optimised Huffman, IJG tables)', { quality }],
      ['optimize: true (progressive, trellis, ImageMagick tables)', { quality, optimize: true }],
    ] as const) {
      const time = await median(() => encode(photo, 'jpeg', options))
      const out = await encode(photo, 'jpeg', options)
      const back = (await decode(out)).image
      row(quality, name, ms(time), out.length, psnr(photo, back).toFixed(2))
    }
  }

  const header = [
    '# Codecs benchmark',
    '',
    `Command: \`RUNS=${RUNS} pnpm exec tsx benchmarks/codecs.bench.ts\` (median of ${RUNS} runs after one warm-up, all libraries in one process).`,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, sharp ${sharp.versions.sharp} with concurrency(1).`,
    `Load average (1 min) at start: ${loadAtStart}, at end: ${loadavg()[0]!.toFixed(2)} (other work shares the machine).`,
    'Inputs: the corpus bench/ files. Ratios below 1 mean @imgproc/codecs is faster.',
    '',
    'Notes:',
    '- "raw @jsquash" is the package default call: for JPEG encode that is mozjpeg\'s defaults (progressive, trellis),',
    '  which is why our default (the fast baseline path) beats it; sharp uses native libjpeg-turbo/libspng/libwebp.',
    '- JPEG: ours decodes and (by default) encodes with libjpeg-turbo compiled to WASM (no trellis); `optimize: true`',
    '  is mozjpeg (progressive, trellis). The codec alone in more detail: the jpeg-turbo section (codecs-jpeg.bench.ts).',
    '- The machine is shared with other work (2 cores); runs of this script have varied by up to 2x between',
    '  invocations, so read ratios within a table, not absolute times across tables.',
    '- PNG: ours = our WASM build (native/png: libdeflate, SIMD128 filters; smallest lossless colour type); raw @jsquash',
    '  = the squoosh build ours replaced. PNG in detail, sizes too: benchmarks/results/png.md (png.bench.ts).',
    '- "Equal quality" for the JPEG paths means the same quality setting; the two paths use different',
    '  quantisation tables, so size and PSNR both differ (PSNR column).',
    '',
  ]
  // keep the section codecs-jpeg.bench.ts writes (between its markers)
  const file = fileURLToPath(new URL('results/codecs.md', import.meta.url))
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : ''
  const [start, end] = ['<!-- jpeg-turbo:start -->', '<!-- jpeg-turbo:end -->']
  const kept = previous.includes(start) ? previous.slice(previous.indexOf(start), previous.indexOf(end) + end.length) : ''
  const text = [...header, ...rows, '', ...(kept ? [kept, ''] : [])].join('\n')
  writeFileSync(file, text)
  console.log(text)
}

await main()
