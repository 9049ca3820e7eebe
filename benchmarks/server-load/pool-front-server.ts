// The thinnest front for imgproc's image workers: node:http and the server's own worker pool
// (createWorkerPool, the same threads, transfers and warm-up `serve()` uses), the source read from
// disk per request in the fewest calls Node's fs allows, into the same byte pool the server's
// storage reads into, and the query's process string handed to the pool as it is. No routing,
// signing, storage adapter, ACL, queue, memory estimate or result cache.
// worker-scaling.bench.ts runs it beside the full server: the difference in CPU a request costs
// outside the workers is what the server's HTTP side adds to Node's own machinery.
// Usage: tsx pool-front-server.ts <file> <port> --workers <n>
import { close, fstat, open, read } from 'node:fs'
import { createServer } from 'node:http'
import { parseArgs } from 'node:util'
import { createWorkerPool } from '@imgproc/server/node'
import { takeBytes } from '@imgproc/types'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { workers: { type: 'string', default: '2' } } })
const [file, port] = positionals
const pool = createWorkerPool({ size: Number(values.workers) })
await pool.ready()
const noObjects = () => Promise.resolve(null)

/**
 * The whole file in four thread-pool calls (open, fstat, one read, close), the least Node's fs
 * takes, into a byte-pool buffer as the server's file storage reads (the byte pool gets it back
 * from the worker with its answer, so a read allocates nothing).
 */
function readSource(path: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    open(path, 'r', (openError, fd) => {
      if (openError) return reject(openError)
      const done = (error: Error | null, bytes?: Uint8Array) => close(fd, () => (error ? reject(error) : resolve(bytes!)))
      fstat(fd, (statError, stats) => {
        if (statError) return done(statError)
        const bytes = takeBytes(stats.size)
        read(fd, bytes, 0, stats.size, 0, (readError, n) => done(readError ?? (n === stats.size ? null : new Error('short read')), bytes))
      })
    })
  })
}

const server = createServer(async (req, res) => {
  try {
    const chain = new URL(req.url ?? '/', 'http://x').searchParams.get('x-oss-process') ?? 'image/resize,w_720'
    const source = await readSource(file!)
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
