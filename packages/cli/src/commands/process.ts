import { ImgError } from '@imgproc/types'
import { expectPositionals, fail, parseCommandArgs, readDialect, type Command } from '../command.js'
import { EXIT } from '../exit-codes.js'
import { readInput, writeOutput, type Io } from '../io.js'
import { readFontOption, type FontTable } from '../fonts.js'
import { openProcessor } from '../local-processor.js'
import { resolveProcessString } from '../process-string.js'
import { withOutputFormat } from '../output-format.js'
import { noObjects } from '@imgproc/server'

const usage = `Usage: imgproc process <in> <process-string> [-o <out>] [--dialect oss|obs] [--styles <file.json>]

Runs one process string on one image, as OSS (or OBS) would for
GET /bucket/key?x-oss-process=<process-string>.

  <in>              image file, or - for standard input
  <process-string>  image/... (a leading x-oss-process= is allowed), or style/<name> with --styles
  -o, --out <out>   output file, or - for standard output (the default); written atomically.
                    Its extension (.png, .webp, .jpg, ...) chooses the format when the
                    process string has no format,<f>; the string's format,<f> wins over it
  --dialect <d>     oss (default) or obs: x-image-process semantics (info JSON, average-hue, defaults)
  --styles <file>   JSON object of style name -> process string, for style/<name>
  --font <file>     a TrueType/OpenType font for text watermarks (used for every type_)
  --font-dir <dir>  fonts named by OSS font name (wqy-zenhei.ttc, fangzhengkaiti.ttf, ...);
                    with neither, the fonts bundled with imgproc draw the text
  -h, --help        this text

image/info and image/average-hue print JSON. The string is checked before the image is read:
a bad string exits 2 with a caret under the bad part.

Examples:
  imgproc process photo.jpg image/resize,w_300/format,webp -o thumb.webp
  imgproc process photo.jpg image/resize,w_300 -o thumb.png      (PNG: from the name)
  cat photo.jpg | imgproc process - image/rotate,90 > rotated.jpg
  imgproc process photo.jpg image/info`

export const processCommand: Command = {
  name: 'process',
  summary: 'run a process string on one image (files or stdin/stdout)',
  usage,
  async run(argv: string[], io: Io): Promise<number> {
    let input: string, processString: string, out: string, dialect: 'oss' | 'obs', fonts: FontTable | undefined, fontDir: string | undefined
    try {
      const { values, positionals } = parseCommandArgs(argv, {
        out: { type: 'string', short: 'o' },
        dialect: { type: 'string' },
        styles: { type: 'string' },
        font: { type: 'string' },
        'font-dir': { type: 'string' },
      })
      if (values.help) return help(io)
      expectPositionals(positionals, ['in', 'process-string'], 'process')
      dialect = readDialect(values.dialect)
      input = positionals[0]!
      out = (values.out as string | undefined) ?? '-'
      const choice = withOutputFormat(await resolveProcessString(positionals[1]!, dialect, values.styles as string | undefined), out, dialect)
      processString = choice.process
      if (choice.note) io.stderr.write(`imgproc: note: ${choice.note}\n`)
      fonts = await readFontOption(values.font as string | undefined)
      fontDir = values['font-dir'] as string | undefined
    } catch (error) {
      return fail(io, error, 'usage')
    }
    try {
      const source = await readInput(input, io)
      const processor = await openProcessor(fonts, fontDir)
      const output = await processor.process({ source, process: processString, dialect, loadObject: noObjects })
      const json = output.contentType.startsWith('application/json')
      if (out === '-' && io.stdout.isTTY && !json) {
        throw new ImgError('BadRequest', `Not writing ${output.contentType} bytes to a terminal: give -o <file> or redirect standard output`)
      }
      if (out === '-' && io.stdout.refuseBytes && !json) throw new ImgError('BadRequest', `Not writing ${output.contentType} bytes to standard output: ${io.stdout.refuseBytes}`)
      await writeOutput(out, json && out === '-' ? withNewline(output.body) : output.body, io)
      return EXIT.ok
    } catch (error) {
      return fail(io, error, 'run')
    }
  },
}

function help(io: Io): number {
  io.stdout.write(`${usage}\n`)
  return EXIT.ok
}

function withNewline(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.byteLength + 1)
  out.set(body)
  out[body.byteLength] = 10
  return out
}
