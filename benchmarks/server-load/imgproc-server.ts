// imgproc's own server for the load benchmark: serve() with the filesystem adapter and the
// worker pool, the source object public-read so requests need no signing.
// Usage: tsx imgproc-server.ts <source.jpg> <dataDir> <port>
import { readFile } from 'node:fs/promises'
import { serve } from '@imgproc/server/node'
import { createFileStorage } from '@imgproc/storage/node-fs'

const [file, dataDir, port] = process.argv.slice(2)
const storage = createFileStorage({ root: dataDir! })
await storage.createBucket('bench', { acl: 'public-read' })
await storage.put('bench', 'photo.jpg', new Uint8Array(await readFile(file!)), { contentType: 'image/jpeg' })
const server = await serve({ storage, port: Number(port), hostname: '127.0.0.1', onError: () => {} })
console.log(`ready ${server.port}`)
