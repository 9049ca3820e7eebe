/** Runs the command line with this process's own streams and exit code: what both launchers do. */
import { main } from './cli.js'
import { EXIT } from './exit-codes.js'

export interface RunCliOptions {
  /** refuse image bytes on standard output, for this reason (see workspace-main.ts) */
  refuseBytesOnStdout?: string
}

export function runCli(options: RunCliOptions = {}): void {
  const stdout = options.refuseBytesOnStdout === undefined ? process.stdout : Object.assign(process.stdout, { refuseBytes: options.refuseBytesOnStdout })
  main(process.argv.slice(2), { stdin: process.stdin, stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(`imgproc: InternalError: ${error instanceof Error ? error.message : String(error)}\n`)
      process.exitCode = EXIT.failed
    },
  )
}
