// How bytes cross between the main thread and a worker: moved when they own their buffer, copied
// only when they are a view into a larger one that is not theirs alone (a byte-pool buffer is), shared when the buffer is a SharedArrayBuffer.
import { MessageChannel } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { ownsWholeBuffer, takeBytes } from '@imgproc/types'
import { returnedSource, transferable, wireJob } from './node-worker-protocol.js'

/** Posts `bytes` as `transferable` says, and gives what arrived on the other side. */
async function send(bytes: Uint8Array): Promise<Uint8Array> {
  const { port1, port2 } = new MessageChannel()
  const arrived = new Promise<Uint8Array>((resolve) => port2.once('message', resolve))
  const { bytes: posted, transfer } = transferable(bytes)
  port1.postMessage(posted, transfer)
  const received = await arrived
  port1.close()
  return received
}

describe('transferable', () => {
  it('moves an array that owns its whole buffer, without a copy', async () => {
    const bytes = new Uint8Array([1, 2, 3])
    const { bytes: posted, transfer } = transferable(bytes)
    expect(posted).toBe(bytes)
    expect(transfer).toEqual([bytes.buffer])
    expect([...(await send(bytes))]).toEqual([1, 2, 3])
    expect(bytes.byteLength).toBe(0) // moved: gone from this side
  })

  it('moves a byte-pool buffer whole when its holder has the view from its start, and copies any other view of it', async () => {
    const pooled = takeBytes(100_000).fill(4)
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength)
    const arrived = await send(pooled)
    expect(pooled.byteLength).toBe(0) // moved
    expect(arrived.length).toBe(100_000)
    expect(arrived.every((byte) => byte === 4)).toBe(true)
    const other = takeBytes(100_000).fill(5)
    const part = other.subarray(10, 20)
    expect([...(await send(part))]).toEqual(Array(10).fill(5))
    expect(other.byteLength).toBe(100_000) // copied: the holder keeps its buffer
  })

  it('copies a view into a larger buffer, leaving the rest of that buffer alone', async () => {
    const whole = new Uint8Array([9, 1, 2, 3, 9])
    const view = whole.subarray(1, 4)
    expect([...(await send(view))]).toEqual([1, 2, 3])
    expect([...whole]).toEqual([9, 1, 2, 3, 9])
    expect(view.byteLength).toBe(3)
  })

  it("copies a pooled Buffer (Node's small Buffers are views into one shared pool)", async () => {
    const pooled = Buffer.from([4, 5, 6])
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength)
    expect([...(await send(pooled))]).toEqual([4, 5, 6])
    expect([...pooled]).toEqual([4, 5, 6])
  })

  it('shares a SharedArrayBuffer rather than transferring it', async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(3))
    shared.set([7, 8, 9])
    expect(transferable(shared).transfer).toEqual([])
    const received = await send(shared)
    expect([...received]).toEqual([7, 8, 9])
    received[0] = 1
    expect(shared[0]).toBe(1) // the same memory
  })
})

describe('returnedSource (a deferred job\'s source, back from its worker)', () => {
  it('takes the very buffer that left, as a view of the source\'s length that may move whole again', () => {
    const view = takeBytes(100_000)
    const { bytes, transfer } = transferable(view)
    const buffer = transfer[0]!
    const back = returnedSource({ view, bufferBytes: buffer.byteLength, viewLength: bytes.byteLength }, buffer)
    expect(back?.byteLength).toBe(100_000)
    expect(ownsWholeBuffer(back!)).toBe(true)
  })

  it("keeps the sender's own view when the source was shared, and gives nothing when it came back neither way", () => {
    const shared = new Uint8Array(new SharedArrayBuffer(8))
    expect(returnedSource({ view: shared, viewLength: 8 }, undefined)).toBe(shared)
    const detached = new Uint8Array(0)
    expect(returnedSource({ view: detached, bufferBytes: 16, viewLength: 8 }, undefined)).toBeUndefined()
    expect(returnedSource({ view: detached, bufferBytes: 16, viewLength: 8 }, new ArrayBuffer(4))).toBeUndefined()
  })

  it('takes the buffer a worker read a file source into, at least the file long, as a view of the file', () => {
    const read = new ArrayBuffer(90_112)
    const back = returnedSource({ viewLength: 86_000 }, read)
    expect(back?.byteLength).toBe(86_000)
    expect(back?.buffer).toBe(read)
    expect(ownsWholeBuffer(back!)).toBe(true) // it may move whole on the rerun
    expect(returnedSource({ viewLength: 86_000 }, new ArrayBuffer(4))).toBeUndefined()
    expect(returnedSource({ viewLength: 86_000 }, undefined)).toBeUndefined()
  })
})

describe('wireJob (a job as it crosses to the worker)', () => {
  it('moves the bytes, or sends a file as its descriptor and range only, and records which for returnedSource', () => {
    const job = { process: 'image/resize,w_1', dialect: 'oss' as const, loadObject: async () => null, reserve: async () => true, reserved: 64 }
    const filed = wireJob(job, { fd: 7, start: 0, length: 86_000 })
    expect(filed.job).toEqual({ process: 'image/resize,w_1', dialect: 'oss', file: { fd: 7, start: 0, length: 86_000 }, reserves: true, reserved: 64 })
    expect(filed.transfer).toEqual([])
    expect(filed.sent).toEqual({ viewLength: 86_000 })
    const view = takeBytes(100_000)
    const moved = wireJob({ ...job, source: view, reserve: undefined })
    expect(moved.job).toEqual({ process: 'image/resize,w_1', dialect: 'oss', source: view }) // no reserve: nothing held to tell
    expect(moved.transfer).toEqual([view.buffer])
    expect(() => wireJob(job)).toThrow('without a source')
  })
})
