import { ImgError } from '@imgproc/types'
import { fail, type Command } from '../command.js'
import type { Io } from '../io.js'

type BenchModule = { runBenchCli?: (argv: string[], io: Io) => Promise<number> }

/**
 * `imgproc bench` belongs to @imgproc/bench (the benchmark issue): this command hands it the
 * arguments. Until that package exports `runBenchCli(argv, io)`, it answers NotImplemented (exit 3).
 */
export const benchCommand: Command = {
  name: 'bench',
  summary: 'benchmark imgproc against sharp, wasm-vips, jimp and @jsquash on your images',
  usage: `Usage: imgproc bench [images...] [options]

Provided by @imgproc/bench; run imgproc bench --help for its options once it is available.`,
  async run(argv: string[], io: Io): Promise<number> {
    try {
      // a variable specifier: the bench package may not be built into this install at all
      const specifier = '@imgproc/bench'
      const bench = (await import(specifier).catch(() => ({}))) as BenchModule
      if (typeof bench.runBenchCli !== 'function' && (argv.includes('--help') || argv.includes('-h'))) {
        io.stdout.write(`${benchCommand.usage}\n(not available in this build: @imgproc/bench does not export runBenchCli yet)\n`)
        return 0
      }
      if (typeof bench.runBenchCli !== 'function') throw new ImgError('NotImplemented', 'imgproc bench is not available in this build: @imgproc/bench does not export runBenchCli yet.')
      return await bench.runBenchCli!(argv, io)
    } catch (error) {
      return fail(io, error, 'run')
    }
  },
}
