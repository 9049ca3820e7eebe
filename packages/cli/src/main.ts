#!/usr/bin/env node
/** The `imgproc` binary (package.json `bin`): paths are relative to the folder it is run in. */
import { runCli } from './run-cli.js'

runCli()
