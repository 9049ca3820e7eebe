/**
 * The JPEG codec alone: libjpeg-turbo (WASM, our default) against mozjpeg (@jsquash, `optimize:
 * true` and the plain jSquash call) and sharp (native libjpeg-turbo, one thread) on the 2725x2225
 * bench photo: full and shrink-on-load decode, and encode at equal quality settings (time, bytes,
 * PSNR against the decoded source). Median of RUNS runs after one warm-up, all in one process.
 * Writes its section into benchmarks/results/codecs.md between the jpeg-turbo markers (the rest of
 * that file is codecs.bench.ts's).
 *
 *   RUNS=9 pnpm exec tsx benchmarks/codecs-jpeg.bench.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { median as timeMedian } from './timing.js'
import jsqJpegDecode, { init as initJsqJpegDec } from '../packages/codecs/node_modules/@jsquash/jpeg/decode.js'
import type { RawImage } from '../packages/types/src/index.js'
import { decode, encode } from '../packages/codecs/src/index.js'
import { initNode, nodeWasmPath } from '../packages/codecs/src/node.js'
import { psnr } from '../packages/codecs/src/testing.js'

const RUNS = Number(process.env.RUNS ?? 9)
const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url))
const resultFile = fileURLToPath(new URL('results/codecs.md', import.meta.url))
const START = '<!-- jpeg-turbo:start -->'
const END = '<!-- jpeg-turbo:end -->'
sharp.concurrency(1)
sharp.cache(false)

/** plain @jsquash's JPEG decoder (mozjpeg), the peer; imgproc itself decodes JPEG with libjpeg-turbo */
const jsquashJpegDecoderWasm = fileURLToPath(new URL('../packages/codecs/node_modules/@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm', import.meta.url))

const median = (task: () => Promise<unknown>): Promise<number> => timeMedian(task, RUNS)

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0]!.toFixed(2)
  await initNode()
  await initJsqJpegDec(await WebAssembly.compile(readFileSync(jsquashJpegDecoderWasm)))
  const bytes = new Uint8Array(readFileSync(corpus + 'bench/sharp-2569067123_aca715a2ee_o.jpg'))
  const ms = (value: number) => value.toFixed(1)
  const rows: string[] = []
  const row = (...cells: Array<string | number>) => rows.push(`| ${cells.join(' | ')} |`)

  rows.push('### Decode 2725x2225 (ms, median)', '', '| what | output | ms |', '|---|---|---|')
  for (const [name, options] of [
    ['libjpeg-turbo WASM, full size (default)', {}],
    ['libjpeg-turbo WASM, minWidth 720 (DCT 1/2)', { minWidth: 720 }],
    ['libjpeg-turbo WASM, minWidth 682 (DCT 1/4)', { minWidth: 682 }],
    ['libjpeg-turbo WASM, minWidth 341 (DCT 1/8)', { minWidth: 341 }],
  ] as const) {
    const { image } = await decode(bytes, options)
    row(name, `${image.width}x${image.height}`, ms(await median(() => decode(bytes, options))))
  }
  row('mozjpeg WASM (plain @jsquash decode, the previous path)', '2725x2225', ms(await median(() => jsqJpegDecode(bytes))))
  row('sharp (native libjpeg-turbo, 1 thread), full size to raw', '2725x2225', ms(await median(() => sharp(bytes).ensureAlpha().raw().toBuffer())))

  const photo = (await decode(bytes)).image
  const sharpThumb = await sharp(bytes).resize(720).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  const small: RawImage = { width: sharpThumb.info.width, height: sharpThumb.info.height, data: new Uint8ClampedArray(sharpThumb.data.buffer, sharpThumb.data.byteOffset, sharpThumb.data.byteLength) }
  for (const [label, image] of [['2725x2225 photo', photo], [`${small.width}x${small.height} thumbnail (sharp's resize of the photo)`, small]] as const) {
    rows.push('', `### Encode the ${label} at equal quality settings`, '', '| quality | encoder | ms | bytes | PSNR dB vs source |', '|---|---|---|---|---|')
    const rawInput = { raw: { width: image.width, height: image.height, channels: 4 as const } }
    for (const quality of [75, 80, 85]) {
      const encoders: Array<[string, () => Promise<Uint8Array>]> = [
        ['fast (default): libjpeg-turbo WASM, baseline, IJG tables, optimised Huffman, no trellis', () => encode(image, 'jpeg', { quality })],
        ['optimize: true: mozjpeg WASM, progressive, trellis, ImageMagick tables', () => encode(image, 'jpeg', { quality, optimize: true })],
        ['sharp (native libjpeg-turbo, 1 thread), its defaults', async () => new Uint8Array(await sharp(image.data, rawInput).jpeg({ quality }).toBuffer())],
      ]
      for (const [name, run] of encoders) {
        const time = await median(run)
        const out = await run()
        row(quality, name, ms(time), out.length, psnr(image, (await decode(out)).image).toFixed(2))
      }
    }
  }

  const section = [
    START,
    '',
    '## JPEG through libjpeg-turbo WASM (shrink-on-load decode, fast encoder)',
    '',
    `Command: \`RUNS=${RUNS} pnpm exec tsx benchmarks/codecs-jpeg.bench.ts\` (median of ${RUNS} runs after one warm-up).`,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, sharp ${sharp.versions.sharp} with concurrency(1).`,
    `Load average (1 min) at start: ${loadAtStart}, at end: ${loadavg()[0]!.toFixed(2)}.`,
    '',
    'Since this change the JPEG codec decodes and (by default) encodes with libjpeg-turbo 2.1.5 compiled to',
    'WebAssembly (packages/codecs/native/libjpeg-turbo); mozjpeg stays behind `optimize: true`. The tables in',
    'the section above are from before it. "Equal quality" = the same quality setting: the fast path and sharp',
    'use the IJG tables, mozjpeg ImageMagick\'s, so size and PSNR both differ (PSNR column).',
    '',
    ...rows,
    '',
    END,
  ].join('\n')
  const previous = existsSync(resultFile) ? readFileSync(resultFile, 'utf8') : ''
  const at = previous.indexOf(START)
  const kept = at === -1 ? previous.trimEnd() : previous.slice(0, at).trimEnd()
  const tail = at === -1 ? '' : previous.slice(previous.indexOf(END) + END.length).trim()
  writeFileSync(resultFile, `${kept}\n\n${section}\n${tail ? `\n${tail}\n` : ''}`)
  console.log(section)
}

await main()
