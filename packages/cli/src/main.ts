#!/usr/bin/env node
/** The `imgproc` binary: runs the command line with the process's own streams and exit code. */
import { main } from './cli.js'
import { EXIT } from './exit-codes.js'

main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`imgproc: InternalError: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = EXIT.failed
  },
)
