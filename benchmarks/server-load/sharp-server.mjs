// The server a user would otherwise write: node:http + sharp, reading the source from disk per
// request and answering the 720-px-wide JPEG thumbnail. Usage: node sharp-server.mjs <file> <port>
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import sharp from 'sharp'

const [file, port] = process.argv.slice(2)
sharp.concurrency(0)
const server = createServer(async (req, res) => {
  try {
    const source = await readFile(file)
    const out = await sharp(source).resize({ width: 720, withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer()
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': out.length })
    res.end(out)
  } catch (error) {
    res.writeHead(500)
    res.end(String(error))
  }
})
server.listen(Number(port), '127.0.0.1', () => console.log(`ready ${server.address().port}`))
