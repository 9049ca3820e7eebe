import { expectPositionals, fail, parseCommandArgs, readDialect, type Command } from '../command.js'
import { EXIT } from '../exit-codes.js'
import { readInput, type Io } from '../io.js'
import { openProcessor } from '../local-processor.js'
import { noObjects } from '@imgproc/server'

const usage = `Usage: imgproc info <file> [--dialect oss|obs]

Prints what image/info answers for the file (format, size, dimensions, EXIF), as JSON in the
OSS shape ({"ImageWidth":{"value":"400"},...}) or, with --dialect obs, the OBS shape.

  <file>          image file, or - for standard input
  --dialect <d>   oss (default) or obs
  -h, --help      this text`

export const infoCommand: Command = {
  name: 'info',
  summary: 'print an image\u2019s image/info JSON',
  usage,
  async run(argv: string[], io: Io): Promise<number> {
    let file: string, dialect: 'oss' | 'obs'
    try {
      const { values, positionals } = parseCommandArgs(argv, { dialect: { type: 'string' } })
      if (values.help) {
        io.stdout.write(`${usage}\n`)
        return EXIT.ok
      }
      expectPositionals(positionals, ['file'], 'info')
      file = positionals[0]!
      dialect = readDialect(values.dialect)
    } catch (error) {
      return fail(io, error, 'usage')
    }
    try {
      const source = await readInput(file, io)
      const output = await (await openProcessor()).process({ source, process: 'image/info', dialect, loadObject: noObjects })
      io.stdout.write(`${JSON.stringify(JSON.parse(new TextDecoder().decode(output.body)), null, 2)}\n`)
      return EXIT.ok
    } catch (error) {
      return fail(io, error, 'run')
    }
  },
}
