// The floor to compare with: a bare node:http server that answers GET with the bytes of one file
// (read per request, as a store would) and PUT by writing the body to a file (temp + rename, no
// fsync). No addressing, auth, ACL, metadata or error replies.
// Usage: node bare-server.mjs <object file> <dataDir> <port>
import { readFile, rename, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { join } from 'node:path'

const [file, dataDir, port] = process.argv.slice(2)
let n = 0
const server = createServer(async (req, res) => {
  try {
    if (req.method === 'PUT') {
      const chunks = []
      for await (const chunk of req) chunks.push(chunk)
      const temp = join(dataDir, `tmp-${process.pid}-${n++}`)
      await writeFile(temp, Buffer.concat(chunks))
      await rename(temp, join(dataDir, 'object'))
      res.writeHead(200, { etag: '"0"' })
      res.end()
      return
    }
    const body = await readFile(file)
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length })
    res.end(body)
  } catch (error) {
    res.writeHead(500)
    res.end(String(error))
  }
})
server.listen(Number(port), '127.0.0.1', () => console.log(`ready ${server.address().port}`))
