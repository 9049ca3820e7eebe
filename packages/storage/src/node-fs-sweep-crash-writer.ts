/**
 * Child process of node-fs-sweep-crash.test.ts: starts slow streamed puts through the filesystem
 * adapter, one per key, whose bodies never end; the parent kills it with SIGKILL mid-write.
 * Usage: node --import tsx node-fs-sweep-crash-writer.ts <root> <bucket> <key>...
 * Prints `wrote <bytes>` per key and chunk, synchronously (writeSync), so the parent knows the
 * temp files hold data before it kills.
 */
import { writeSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { createFileStorage } from './node-fs.js'

const CHUNK = 64 * 1024
const [root, bucket, ...keys] = process.argv.slice(2)
// should the parent die first, do not stream forever
setTimeout(() => process.exit(2), 60_000).unref()

const storage = createFileStorage({ root: root!, orphanSweepIntervalMs: 0 })
await storage.startupSweep

function endlessBody(index: number): ReadableStream<Uint8Array> {
  let sent = 0
  return new ReadableStream({
    async pull(controller) {
      await sleep(5)
      controller.enqueue(new Uint8Array(CHUNK).fill(index + 1))
      sent += CHUNK
      writeSync(1, `wrote ${index} ${sent}\n`)
    },
  })
}

await Promise.all(keys.map((key, index) => storage.put(bucket!, key, endlessBody(index), { contentType: 'application/x-partial' })))
