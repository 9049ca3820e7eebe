import { BENCH_USAGE, runBenchCli } from '@imgproc/bench'
import { fail, type Command } from '../command.js'
import type { Io } from '../io.js'

/**
 * `imgproc bench` belongs to @imgproc/bench (the benchmark issue): this command hands it the
 * arguments; it scores every contender against imgproc's own decoders, resampler and PSNR.
 */
export const benchCommand: Command = {
  name: 'bench',
  summary: 'benchmark imgproc against sharp, wasm-vips, jimp and @jsquash on your images',
  usage: BENCH_USAGE,
  async run(argv: string[], io: Io): Promise<number> {
    try {
      return await runBenchCli(argv, io)
    } catch (error) {
      return fail(io, error, 'run')
    }
  },
}
