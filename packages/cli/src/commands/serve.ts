import { configFromEnv, startFromEnv } from '@imgproc/server/node'
import { ImgError } from '@imgproc/types'
import { fail, parseCommandArgs, type Command } from '../command.js'
import { EXIT } from '../exit-codes.js'
import type { Io } from '../io.js'

const usage = `Usage: imgproc serve [--data <dir>] [--port <n>] [--host <addr>] [--workers <n>] [--no-demo] [--production] [--playground | --no-playground]

Starts the OSS/OBS-compatible HTTP server (filesystem storage, image work in worker threads),
prints its URLs and a development access key, and runs until Ctrl-C. Every other setting is an
environment variable of @imgproc/server (IMGPROC_STORAGE=s3, IMGPROC_TLS_CERT, rate limits...).

  --data <dir>      storage folder (default ./data; IMGPROC_DATA_DIR)
  --port <n>        listening port (default 8080; IMGPROC_PORT)
  --host <addr>     listening address (default all interfaces; IMGPROC_HOST)
  --workers <n>     image worker threads (default: cores; IMGPROC_WORKERS)
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
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ImgError('InvalidArgument', `--port must be 1-65535, not ${String(values.port)}`)
    out.IMGPROC_PORT = String(port)
  }
  if (values.host !== undefined) out.IMGPROC_HOST = String(values.host)
  if (values.workers !== undefined) out.IMGPROC_WORKERS = String(values.workers)
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
        data: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, workers: { type: 'string' }, 'no-demo': { type: 'boolean' },
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
      const running = await startFromEnv(env)
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve)
        process.once('SIGTERM', resolve)
      })
      // bounded: running requests get IMGPROC_SHUTDOWN_MS (10 s), then their work is aborted
      await running.shutdown(configFromEnv(env).shutdownGraceMs)
      return EXIT.ok
    } catch (error) {
      return fail(io, error, 'run')
    }
  },
}
