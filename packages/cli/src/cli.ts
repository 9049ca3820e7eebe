/**
 * `imgproc`: argument dispatch only. Each command lives in `commands/<name>.ts` and returns its
 * exit code; the work itself belongs to the packages (grammar, engine, server, bench).
 */
import { ImgError } from '@imgproc/types'
import type { Command } from './command.js'
import { fail } from './command.js'
import { batchCommand } from './commands/batch.js'
import { benchCommand } from './commands/bench.js'
import { explainCommand } from './commands/explain.js'
import { infoCommand } from './commands/info.js'
import { processCommand } from './commands/process.js'
import { serveCommand } from './commands/serve.js'
import { EXIT, EXIT_CODES_HELP } from './exit-codes.js'
import type { Io } from './io.js'

export const COMMANDS: readonly Command[] = [processCommand, batchCommand, explainCommand, infoCommand, serveCommand, benchCommand]

export function mainUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return `Usage: imgproc <command> [options]

Image processing with Alibaba Cloud OSS x-oss-process (and Huawei OBS x-image-process) strings.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run imgproc <command> --help for a command's options.
Errors print on one line as <OSS code>: <message>, with a caret under the bad part of a
process string.

${EXIT_CODES_HELP}`
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(`${mainUsage()}\n`)
    return name === undefined ? EXIT.usage : EXIT.ok
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) return fail(io, new ImgError('BadRequest', `Unknown command ${JSON.stringify(name)}; commands: ${COMMANDS.map((c) => c.name).join(', ')}`), 'usage')
  return command.run(rest, io)
}
