// The thinnest front for imgproc's image workers: node:http and the server's own worker pool
// (createWorkerPool, the same threads, transfers and warm-up `serve()` uses). The source is read
// from disk per request in the fewest calls Node's fs allows, into the same byte pool the server's
// storage reads into; the query's process string goes to the pool as it is. No routing, signing,
// storage adapter, ACL, queue, memory budget or result cache.
// worker-scaling.bench.ts runs it beside the full server: the difference in CPU a request costs
// outside the workers is what the server's HTTP side adds to Node's own machinery. Two other
// differences, both small: the worker parses the process string (the server's route parses it on
// the main thread and hands the parse on), and the source is read as the request arrives rather
// than once a queue slot is free (16 connections hold at most 16 sources).
// Usage: tsx pool-front-server.ts <file> <port> --workers <n>
import { close, fstat, open, read } from 'node:fs'
import { createServer } from 'node:http'
import { parseArgs } from 'node:util'
import { noObjects } from '@imgproc/server'
import { createWorkerPool } from '@imgproc/server/node'
import { takeBytes } from '@imgproc/types'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { workers: { type: 'string', default: '2' } } })
const [file, port] = positionals
const workers = Number(values.workers)
if (!file || !Number.isInteger(workers) || workers < 1) throw new Error('usage: pool-front-server.ts <file> <port> --workers <n >= 1>')
const pool = createWorkerPool({ size: workers })
await pool.ready()

/**
 * The whole file in four thread-pool calls (open, fstat, one read, close), the least Node's fs
 * takes, into a byte-pool buffer as the server's file storage reads: once the worker has handed
 * a buffer of that size class back with its answer, a read reuses it.
 */
function readSource(path: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    open(path, 'r', (openError, fd) => {
      if (openError) return reject(openError)
      const done = (error: unknown, bytes?: Uint8Array) => close(fd, () => (error ? reject(error) : resolve(bytes!)))
      fstat(fd, (statError, stats) => {
        if (statError) return done(statError)
        try {
          const bytes = takeBytes(stats.size)
          read(fd, bytes, 0, stats.size, 0, (readError, n) => done(readError ?? (n === stats.size ? null : new Error('short read')), bytes))
        } catch (error) {
          done(error)
        }
      })
    })
  })
}

const server = createServer(async (req, res) => {
  try {
    const chain = new URL(req.url ?? '/', 'http://x').searchParams.get('x-oss-process')
    if (chain === null) {
      res.writeHead(400)
      res.end('x-oss-process is required')
      return
    }
    const source = await readSource(file)
    const out = await pool.process({ source, process: chain, dialect: 'oss', loadObject: noObjects })
    res.writeHead(200, { 'content-type': out.contentType, 'content-length': out.body.byteLength })
    res.end(out.body)
  } catch (error) {
    res.writeHead(500)
    res.end(String(error))
  }
})
server.listen(Number(port), '127.0.0.1', () => console.log(`ready ${(server.address() as { port: number }).port}`))
process.once('SIGTERM', () => {
  server.close()
  void pool.close().finally(() => process.exit(0))
  setTimeout(() => process.exit(0), 3000).unref()
})
