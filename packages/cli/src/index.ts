/**
 * The imgproc command line: process, batch, explain, info, serve, bench. The binary is
 * `main.ts`; this entry exports `main(argv, io)` and the command table for embedding and tests.
 * @module
 */
export { COMMANDS, main, mainUsage } from './cli.js'
export type { Command } from './command.js'
export type { Io } from './io.js'
export { EXIT } from './exit-codes.js'
