import { createMemoryStorage } from '@imgproc/storage'
import { describe, expect, it } from 'vitest'
import { createAuthenticator, createMemoryCredentialStore } from './auth/index.js'
import { resolveLimits } from './limits.js'
import type { ImageProcessor } from './processor.js'
import { createUploadWork } from './upload-work.js'
import { createWorkQueue } from './work-queue.js'

// A processor that takes over (transfers) the bytes it is given, as the Node worker pool does.
const transferring: ImageProcessor = {
  async process(job) {
    const taken = structuredClone(job.source, { transfer: [job.source.buffer] })
    return { body: Uint8Array.of(taken.byteLength), contentType: 'application/octet-stream' }
  },
}

function uploadWork(limits = resolveLimits({})) {
  return createUploadWork({
    storage: createMemoryStorage(),
    auth: createAuthenticator({ credentials: createMemoryCredentialStore([]) }),
    queue: createWorkQueue({ concurrency: 1, maxQueued: 4 }),
    stopping: new AbortController().signal,
    limits,
    processor: transferring,
  })
}

describe('createUploadWork with a source the server holds (the playground demo)', () => {
  it('gives each job a copy: the held bytes stay whole however often they are processed', async () => {
    const work = uploadWork()
    const demo = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0)
    for (let i = 0; i < 2; i++) {
      const output = await work(new Request('http://localhost/-/playground/demo.jpg'), { process: 'image/resize,w_10', dialect: 'oss', source: demo })
      expect([...output.body]).toEqual([4])
    }
    expect([...demo]).toEqual([0xff, 0xd8, 0xff, 0xe0])
  })

  it('holds it to the source limit like a body', async () => {
    const work = uploadWork(resolveLimits({ maxSourceBytes: 3 }))
    const job = { process: 'image/resize,w_10', dialect: 'oss' as const, source: Uint8Array.of(1, 2, 3, 4) }
    await expect(work(new Request('http://localhost/-/playground/demo.jpg'), job)).rejects.toMatchObject({ code: 'EntityTooLarge' })
  })
})
