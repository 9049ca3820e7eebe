/**
 * `pnpm imgproc ...` in this repository (the root package.json's script; tsx runs the source).
 * pnpm starts scripts in the repository root, so this first moves to the folder the command was
 * typed in (pnpm's and npm's INIT_CWD): relative paths then mean what they mean to the user.
 * pnpm (and npm) also print a banner on standard output before the script unless run silently
 * (`pnpm -s imgproc`, which sets npm_config_reporter=silent; `npm run -s`: npm_config_loglevel):
 * image bytes written after it would make a corrupt file, so they are refused with the remedy.
 * The installed `imgproc` bin (main.ts) needs neither: it runs where it is started.
 */
import { runCli } from './run-cli.js'

const { INIT_CWD, npm_config_reporter, npm_config_loglevel } = process.env
if (INIT_CWD) process.chdir(INIT_CWD)
const bannerAhead = npm_config_reporter !== 'silent' && npm_config_loglevel !== 'silent' && !process.stdout.isTTY
runCli(bannerAhead ? { refuseBytesOnStdout: 'pnpm printed its banner there first; run pnpm -s imgproc ... (silent), or give -o <file>' } : {})
