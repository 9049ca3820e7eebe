import { afterAll, describe, expect, it } from 'vitest'
import { threadId } from 'node:worker_threads'
import { createWorkerPool } from './node-worker-pool.js'

const pool = createWorkerPool({
  size: 2,
  factoryUrl: new URL('./node-worker-pool.fixture.ts', import.meta.url).href,
  factoryOptions: { label: 'fixture' },
  loadObject: async (bucket, key) => (key === 'mark.png' ? new TextEncoder().encode(`${bucket}/${key}`) : null),
  abortGraceMs: 200,
})
afterAll(() => pool.close())

const job = (process: string, source = new Uint8Array([0, 1, 254]), signal?: AbortSignal) => ({ source, process, dialect: 'oss' as const, bucket: 'bkt', signal })

describe('createWorkerPool', () => {
  it('runs jobs on worker threads, not the main thread', async () => {
    const outputs = await Promise.all([pool.process(job('thread')), pool.process(job('thread'))])
    for (const output of outputs) {
      const [label, id] = new TextDecoder().decode(output.body).split(':')
      expect(label).toBe('fixture')
      expect(Number(id)).not.toBe(threadId)
    }
  })

  it('transfers the source and returns the output', async () => {
    const output = await pool.process(job('invert'))
    expect([...output.body]).toEqual([255, 254, 1])
    expect(output.contentType).toBe('image/x-inverted')
  })

  it('rebuilds ImgErrors and hides the text of other errors', async () => {
    await expect(pool.process(job('fail'))).rejects.toMatchObject({ code: 'InvalidArgument', detail: { argument: 'w' } })
    const crash = await pool.process(job('crash')).catch((error: unknown) => error)
    expect(crash).toMatchObject({ code: 'InternalError' })
    expect(String((crash as Error).message)).not.toContain('internal detail')
  })

  it('reads objects for a worker through loadObject', async () => {
    expect(new TextDecoder().decode((await pool.process(job('load/mark.png'))).body)).toBe('bkt/mark.png')
    expect((await pool.process(job('load/none.png'))).contentType).toBe('text/missing')
  })

  it('replaces a worker stuck past the abort grace and keeps serving', async () => {
    const signal = AbortSignal.timeout(100)
    const started = Date.now()
    await expect(pool.process(job('spin', undefined, signal))).rejects.toMatchObject({ name: 'TimeoutError' })
    expect(Date.now() - started).toBeLessThan(3000)
    const outputs = await Promise.all([1, 2, 3].map(() => pool.process(job('invert'))))
    expect(outputs.every((o) => o.body[0] === 255)).toBe(true)
  })
})

describe('a pool whose workers cannot start', () => {
  it('stops respawning and fails jobs with InternalError', async () => {
    const broken = createWorkerPool({ size: 1, factoryUrl: new URL('./does-not-exist.fixture.ts', import.meta.url).href })
    try {
      const error = await broken.process(job('invert')).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'InternalError' })
      await expect(broken.process(job('invert'))).rejects.toMatchObject({ code: 'InternalError' })
    } finally {
      await broken.close()
    }
  })
})
