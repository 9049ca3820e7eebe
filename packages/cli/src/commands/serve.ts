import { configFromEnv, PortInUseError, startCluster, startFromEnv } from '@imgproc/server/node'
import { ImgError } from '@imgproc/types'
import { fail, parseCommandArgs, type Command } from '../command.js'
import { EXIT } from '../exit-codes.js'
import type { Io } from '../io.js'

const usage = `Usage: imgproc serve [--data <dir>] [--port <n>] [--host <addr>] [--workers <n>] [--font-dir <dir>] [--no-demo] [--production] [--playground | --no-playground]

Starts the OSS/OBS-compatible HTTP server (filesystem storage, image work in worker threads),
prints its URLs and a development access key, and runs until Ctrl-C. Every other setting is an
environment variable of @imgproc/server (IMGPROC_STORAGE=s3, IMGPROC_TLS_CERT, rate limits...).

  --data <dir>      storage folder (default ./data; IMGPROC_DATA_DIR)
  --port <n>        listening port (default 8080; IMGPROC_PORT or PORT); 0: any free port,
                    printed at start
  --host <addr>     listening address (default all interfaces; IMGPROC_HOST)
  --workers <n>     image worker threads (default: cores; IMGPROC_WORKERS)
  --font-dir <dir>  fonts named by OSS font name (wqy-zenhei.ttc, fangzhengkaiti.ttf, ...),
                    drawn before the bundled fonts (IMGPROC_FONT_DIR)
  --processes <n>   HTTP processes sharing the port (node:cluster), each with its share of
                    the workers and of the memory budget (default 1; IMGPROC_PROCESSES): for
                    many cores and many small requests; see the server README
  --no-demo         do not create the demo bucket (IMGPROC_DEMO=0)
  --production      a public deployment (IMGPROC_MODE=production): no demo bucket and no
                    playground unless asked for
  --playground      serve /-/playground even in production (IMGPROC_PLAYGROUND=1)
  --no-playground   never serve /-/playground (IMGPROC_PLAYGROUND=0)
  -h, --help        this text`

/** Flags become the server's own environment variables, so both ways of configuring agree. */
export function serveEnv(values: Record<string, unknown>, env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out = { ...env }
  if (values.data !== undefined) out.IMGPROC_DATA_DIR = String(values.data)
  if (values.port !== undefined) {
    const port = Number(values.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ImgError('InvalidArgument', `--port must be 0-65535 (0: any free port), not ${String(values.port)}`)
    out.IMGPROC_PORT = String(port)
  }
  if (values.host !== undefined) out.IMGPROC_HOST = String(values.host)
  if (values.workers !== undefined) out.IMGPROC_WORKERS = String(values.workers)
  if (values['font-dir'] !== undefined) out.IMGPROC_FONT_DIR = String(values['font-dir'])
  if (values.processes !== undefined) {
    const processes = Number(values.processes)
    if (!Number.isInteger(processes) || processes < 1) throw new ImgError('InvalidArgument', `--processes must be a whole number from 1, not ${String(values.processes)}`)
    out.IMGPROC_PROCESSES = String(processes)
  }
  if (values['no-demo']) out.IMGPROC_DEMO = '0'
  if (values.production) out.IMGPROC_MODE = 'production'
  if (values.playground && values['no-playground']) throw new ImgError('InvalidArgument', 'Give --playground or --no-playground, not both.')
  if (values.playground) out.IMGPROC_PLAYGROUND = '1'
  if (values['no-playground']) out.IMGPROC_PLAYGROUND = '0'
  return out
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'start the OSS/OBS-compatible HTTP server',
  usage,
  async run(argv: string[], io: Io): Promise<number> {
    let env: Record<string, string | undefined>
    try {
      const { values, positionals } = parseCommandArgs(argv, {
        data: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, workers: { type: 'string' }, processes: { type: 'string' }, 'font-dir': { type: 'string' }, 'no-demo': { type: 'boolean' },
        production: { type: 'boolean' }, playground: { type: 'boolean' }, 'no-playground': { type: 'boolean' },
      })
      if (values.help) {
        io.stdout.write(`${usage}\n`)
        return EXIT.ok
      }
      if (positionals.length) throw new ImgError('BadRequest', `imgproc serve takes no arguments (got ${positionals.join(' ')}); see imgproc serve --help`)
      env = serveEnv(values, process.env)
    } catch (error) {
      return fail(io, error, 'usage')
    }
    try {
      // --processes N: this process supervises N HTTP processes (node:cluster) and stops them all
      const processes = configFromEnv(env).processes ?? 1
      const running = processes > 1 ? await startCluster({ env }) : await startFromEnv(env)
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve)
        process.once('SIGTERM', resolve)
      })
      // bounded: running requests get IMGPROC_SHUTDOWN_MS (10 s), then their work is aborted
      await running.shutdown(configFromEnv(env).shutdownGraceMs) // a cluster's processes each have that grace
      return EXIT.ok
    } catch (error) {
      // the one start-up failure with a known remedy: said on one line, no OSS code, no stack
      if (error instanceof PortInUseError) {
        io.stderr.write(`imgproc: ${error.message}\n`)
        return EXIT.failed
      }
      return fail(io, error, 'run')
    }
  },
}
