import { parse } from '@imgproc/grammar'
import { expectPositionals, fail, parseCommandArgs, readDialect, type Command } from '../command.js'
import { describeProcess } from '../describe.js'
import { EXIT } from '../exit-codes.js'
import { readInput, type Io } from '../io.js'
import { openEngine } from '../local-processor.js'

const usage = `Usage: imgproc explain <process-string> [--input <file>] [--dialect oss|obs]

Parses and validates a process string and prints what it will do, one action per line with its
values and the defaults the service fills in. With --input, also the engine's plan for that
image (read from its header, nothing decoded): each step with its sizes, and the encoder
settings. A bad string prints the error with a caret under the bad part and exits 2.

  --input <file>  an image to plan against (- for standard input)
  --dialect <d>   oss (default) or obs
  -h, --help      this text

Example:
  imgproc explain image/resize,m_fill,w_200,h_150/rotate,90/format,webp --input photo.jpg`

export const explainCommand: Command = {
  name: 'explain',
  summary: 'print what a process string does, or its error with a caret',
  usage,
  async run(argv: string[], io: Io): Promise<number> {
    let text: string, dialect: 'oss' | 'obs', input: string | undefined
    try {
      const { values, positionals } = parseCommandArgs(argv, { dialect: { type: 'string' }, input: { type: 'string', short: 'i' } })
      if (values.help) {
        io.stdout.write(`${usage}\n`)
        return EXIT.ok
      }
      expectPositionals(positionals, ['process-string'], 'explain')
      text = positionals[0]!.replace(/^(x-oss-process|x-image-process)=/, '')
      dialect = readDialect(values.dialect)
      input = values.input as string | undefined
      io.stdout.write(`${describeProcess(parse(text, { dialect }))}\n`)
    } catch (error) {
      return fail(io, error, 'usage')
    }
    if (input === undefined) return EXIT.ok
    try {
      const source = await readInput(input, io)
      const plan = await (await openEngine()).explain(source, text, { dialect })
      io.stdout.write(`\nPlan for ${input === '-' ? 'standard input' : input}:\n${plan}\n`)
      return EXIT.ok
    } catch (error) {
      return fail(io, error, 'run')
    }
  },
}
