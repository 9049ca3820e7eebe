/**
 * One HTTP process of `--processes N` (node-cluster.ts): `main()` with the share of workers and
 * memory budget the primary put in its environment, `GET /-/health` naming this process, and a
 * graceful stop (node-shutdown.ts) when the primary asks over IPC or SIGTERM arrives (a second
 * SIGTERM ends it at once). SIGINT is left to the primary: a Ctrl-C reaches every process of the
 * terminal, and the primary turns it into one graceful stop of all.
 */
import { configFromEnv } from './node-config.js'
import { SHUTDOWN_MESSAGE } from './node-cluster.js'
import { main, stopOnSignals } from './node-main.js'

process.on('SIGINT', () => {})
const env = process.env
const index = Number(env.IMGPROC_CLUSTER_INDEX ?? 0)

main(env, { banner: env.IMGPROC_CLUSTER_BANNER === '1', health: () => ({ status: 'ok', process: { pid: process.pid, index } }) }).then(
  (server) => {
    const stop = stopOnSignals(server, configFromEnv(env).shutdownGraceMs, (code) => process.exit(code), ['SIGTERM'])
    process.on('message', (message: unknown) => {
      if ((message as { imgproc?: unknown } | null)?.imgproc === SHUTDOWN_MESSAGE.imgproc) stop()
    })
  },
  (error: unknown) => {
    console.error(`imgproc: HTTP process ${index + 1} could not start:`, error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
