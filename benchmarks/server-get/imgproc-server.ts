// imgproc's server for the plain-object benchmark (server-get.bench.ts): serve() with the
// filesystem adapter, a public-read bucket holding `object` (the GET target) and a signing key
// for PUT. No image work happens, so one worker thread is enough.
// Usage: tsx imgproc-server.ts <object file> <dataDir> <port> <accessKeyId> <secret>
import { readFile } from 'node:fs/promises'
import { createAuthenticator, createMemoryCredentialStore } from '@imgproc/server'
import { serve } from '@imgproc/server/node'
import { createFileStorage } from '@imgproc/storage/node-fs'

const [file, dataDir, port, accessKeyId, secret] = process.argv.slice(2)
const storage = createFileStorage({ root: dataDir! })
await storage.createBucket('bench', { acl: 'public-read' })
await storage.put('bench', 'object', new Uint8Array(await readFile(file!)), { contentType: 'application/octet-stream' })
const auth = createAuthenticator({ credentials: createMemoryCredentialStore({ [accessKeyId!]: secret! }) })
const server = await serve({ storage, auth, port: Number(port), hostname: '127.0.0.1', workers: 1, onError: () => {} })
console.log(`ready ${server.port}`)
// exit normally on SIGTERM so `node --cpu-prof` writes its profile
process.once('SIGTERM', () => process.exit(0))
