import { parseArgs, type ParseArgsConfig } from 'node:util'
import { ImgError } from '@imgproc/types'
import { EXIT } from './exit-codes.js'
import { formatError } from './format-error.js'
import type { Io } from './io.js'

/** One `imgproc <name>` command: its help text and its run, which returns the exit code. */
export interface Command {
  name: string
  /** one line for `imgproc --help` */
  summary: string
  /** the full `imgproc <name> --help` text */
  usage: string
  run(argv: string[], io: Io): Promise<number>
}

type Options = NonNullable<ParseArgsConfig['options']>

/**
 * node:util parseArgs with the CLI's rules: `-h/--help` everywhere, and a bad option becomes a
 * BadRequest ImgError (exit 2) instead of Node's TypeError.
 */
export interface ParsedCommandArgs {
  values: Record<string, string | boolean | undefined>
  positionals: string[]
}

export function parseCommandArgs(argv: string[], options: Options): ParsedCommandArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
    return { values: values as ParsedCommandArgs['values'], positionals }
  } catch (error) {
    throw new ImgError('BadRequest', (error as Error).message.replace(/\. To specify a positional.*$/s, ''), { cause: error })
  }
}

/** `--dialect oss|obs` (default oss). */
export function readDialect(value: unknown): 'oss' | 'obs' {
  if (value === undefined || value === 'oss') return 'oss'
  if (value === 'obs') return 'obs'
  throw new ImgError('BadRequest', `--dialect must be oss or obs, not ${String(value)}`)
}

/** Throws the usage error for a wrong number of positionals. */
export function expectPositionals(positionals: string[], names: string[], command: string): void {
  if (positionals.length !== names.length) {
    throw new ImgError('BadRequest', `imgproc ${command} takes ${names.map((n) => `<${n}>`).join(' ')} (got ${positionals.length} argument${positionals.length === 1 ? '' : 's'}); see imgproc ${command} --help`)
  }
}

/**
 * Prints the error (one line, plus the caret when it points into a process string) and gives
 * the exit code: NotImplemented -> 3 whatever the phase; otherwise 2 before any input was read
 * (`usage`), 1 after (`run`).
 */
export function fail(io: Pick<Io, 'stderr'>, error: unknown, phase: 'usage' | 'run'): number {
  io.stderr.write(`${formatError(error)}\n`)
  if (error instanceof ImgError && error.code === 'NotImplemented') return EXIT.notImplemented
  return phase === 'usage' ? EXIT.usage : EXIT.failed
}
