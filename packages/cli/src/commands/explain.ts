import { parse } from '@imgproc/grammar'
import { expectPositionals, fail, parseCommandArgs, readDialect, type Command } from '../command.js'
import { describeProcess } from '../describe.js'
import { EXIT } from '../exit-codes.js'
import type { Io } from '../io.js'

const usage = `Usage: imgproc explain <process-string> [--dialect oss|obs]

Parses and validates a process string without any image, and prints what it will do, one
action per line with its values and the defaults the service fills in. A bad string prints
the error with a caret under the bad part and exits 2.

  --dialect <d>   oss (default) or obs
  -h, --help      this text

Example:
  imgproc explain image/resize,m_fill,w_200,h_150/rotate,90/format,webp`

export const explainCommand: Command = {
  name: 'explain',
  summary: 'print what a process string does, or its error with a caret',
  usage,
  async run(argv: string[], io: Io): Promise<number> {
    try {
      const { values, positionals } = parseCommandArgs(argv, { dialect: { type: 'string' } })
      if (values.help) {
        io.stdout.write(`${usage}\n`)
        return EXIT.ok
      }
      expectPositionals(positionals, ['process-string'], 'explain')
      const text = positionals[0]!.replace(/^(x-oss-process|x-image-process)=/, '')
      io.stdout.write(`${describeProcess(parse(text, { dialect: readDialect(values.dialect) }))}\n`)
      return EXIT.ok
    } catch (error) {
      return fail(io, error, 'usage')
    }
  },
}
