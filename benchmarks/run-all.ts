/**
 * Regenerates benchmarks/RESULTS.md from one run on the standard inputs: the pipelines and
 * codecs comparison (imgproc against sharp, wasm-vips, plain @jsquash and jimp, each in its own
 * process) written to results/summary.md, then every area's section joined by assemble-results.
 *
 *   pnpm bench                       # full run (5 timed iterations per cell)
 *   pnpm bench --iterations 3        # options as `imgproc bench --help` lists them
 *   pnpm bench -- --short            # (a leading `--`, which pnpm passes through, is dropped)
 */
import { execFileSync } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { ALL_CONTENDERS, benchCommand, imgprocReference, markdownReport } from '@imgproc/bench'

const argv = process.argv.slice(2)
if (argv[0] === '--') argv.shift()
const reference = await imgprocReference()
const { code, report } = await benchCommand(argv, { stdout: process.stdout, stderr: process.stderr }, reference, ALL_CONTENDERS)
if (code !== 0 || !report) process.exit(code)
const body = `## Codecs and pipelines against the peers\n\n${markdownReport({ ...report, command: `pnpm bench ${argv.join(' ')}`.trim() })}\n`
await writeFile(fileURLToPath(new URL('./results/summary.md', import.meta.url)), body)
execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./assemble-results.ts', import.meta.url))], { stdio: 'inherit' })
