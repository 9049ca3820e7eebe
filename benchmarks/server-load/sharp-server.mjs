// The server a user would otherwise write: node:http + sharp, reading the source from disk per
// request and answering a JPEG thumbnail: 720 px wide at quality 80, or the width and quality
// of an `x-oss-process=image/resize,w_<w>/quality,Q_<q>` query (the worker-scaling variants).
// Usage: node sharp-server.mjs <file> <port>
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import sharp from 'sharp'

const [file, port] = process.argv.slice(2)
sharp.concurrency(0)
const server = createServer(async (req, res) => {
  try {
    const process = new URL(req.url ?? '/', 'http://x').searchParams.get('x-oss-process') ?? ''
    const width = Number(/w_(\d+)/.exec(process)?.[1] ?? 720)
    const quality = Number(/Q_(\d+)/.exec(process)?.[1] ?? 80)
    const source = await readFile(file)
    const out = await sharp(source).resize({ width, withoutEnlargement: true }).jpeg({ quality }).toBuffer()
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': out.length })
    res.end(out)
  } catch (error) {
    res.writeHead(500)
    res.end(String(error))
  }
})
server.listen(Number(port), '127.0.0.1', () => console.log(`ready ${server.address().port}`))
