/**
 * Child process of the crash test (node-fs-crash.test.ts): writes objects in a loop through the
 * filesystem adapter until it is killed. Usage: node --import tsx node-fs-crash-writer.ts <root> <round>
 * Each write's body is fully determined by (key, generation), so the parent can tell a complete
 * body from a partial or mixed one. Progress lines go to stdout synchronously (writeSync) so a
 * SIGKILL cannot lose an acknowledgement that was already printed.
 */
import { writeSync } from 'node:fs'
import { createFileStorage } from './node-fs.js'
import { crashBody, CRASH_BUCKET, CRASH_KEYS, WRITERS } from './node-fs-crash-shared.js'

const [root, roundText] = process.argv.slice(2)
const round = Number(roundText)
const storage = createFileStorage({ root: root! })
await storage.createBucket(CRASH_BUCKET)
writeSync(1, 'ready\n')

async function writer(index: number): Promise<never> {
  const keys = CRASH_KEYS.filter((_, i) => i % WRITERS === index)
  for (let n = 0; ; n++) {
    const key = keys[n % keys.length]!
    const generation = round * 1_000_000 + n * WRITERS + index
    writeSync(1, `start ${key} ${generation}\n`)
    await storage.put(CRASH_BUCKET, key, crashBody(key, generation), { contentType: 'application/x-crash' })
    writeSync(1, `ack ${key} ${generation}\n`)
  }
}

await Promise.all(Array.from({ length: WRITERS }, (_, i) => writer(i)))
