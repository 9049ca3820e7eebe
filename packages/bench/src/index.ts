/**
 * Compare codecs and image pipelines on your own images: imgproc side by side with sharp,
 * wasm-vips, jimp and plain @jsquash, each in its own process, scored with PSNR and SSIM.
 * A Node tool (it spawns processes and reads files).
 * @module
 */
export { BENCH_USAGE, benchCommand, runBenchCli, parseBenchArgs, standardImages, type BenchIo, type ParsedBenchArgs } from './bench-command.js'
export { ALL_CONTENDERS, CONTENDERS } from './contenders/index.js'
export type { BenchCodec, Contender, EncodeRequest, PipelineRequest } from './contender.js'
export { imgprocReference } from './reference.js'
export { htmlReport } from './report/html-report.js'
export { markdownReport } from './report/markdown-report.js'
export { qualityChart, qualityChartSpec } from './report/quality-chart.js'
export { timeChart, timeChartSpec } from './report/time-chart.js'
export { terminalReport } from './report/terminal-table.js'
export type { BenchRecord, BenchReport, ContenderRun } from './result.js'
export { runBench, type BenchOptions, type Reference } from './run.js'
export { ssim } from './ssim.js'
export { summarize, type Summary } from './stats.js'
export { selectTasks, TASK_GROUPS, type Task, type TaskGroup } from './tasks.js'
