// Deno and Bun: run the handler smoke and print the report as the last line.
import { runHandlerSmoke } from './handler-smoke.js'

console.log(JSON.stringify(await runHandlerSmoke()))
