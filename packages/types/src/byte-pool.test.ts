import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { ownsWholeBuffer, takeBytes } from './byte-pool.js'
import { pooledCapacity } from './pixel-pool.js'

/** What a thread gets back when it transfers `buffer` away and it is sent back: a new object. */
const roundTrip = (buffer: ArrayBufferLike) => structuredClone(buffer, { transfer: [buffer as ArrayBuffer] }) as ArrayBuffer

/** A pool with nothing idle: the module loaded afresh. */
async function freshPool() {
  vi.resetModules()
  return import('./byte-pool.js')
}

describe('byte pool', () => {
  it('hands out a view from the start of a buffer of its own, which it may move whole', () => {
    for (const length of [10, 64 * 1024, 829_123]) {
      const bytes = takeBytes(length)
      expect(bytes.length).toBe(length)
      expect(ownsWholeBuffer(bytes)).toBe(true)
      expect(ownsWholeBuffer(bytes.subarray(1))).toBe(false)
    }
    expect(takeBytes(0).length).toBe(0)
    expect(ownsWholeBuffer(new Uint8Array(100))).toBe(false) // not minted
    expect(ownsWholeBuffer(new Uint8Array(new SharedArrayBuffer(100)))).toBe(false)
  })

  it('reuses a buffer that came back by transfer for the same size class, with every byte past the view cleared', async () => {
    const { bytePoolStats, ownsWholeBuffer, recycleBytes, takeBytes } = await freshPool()
    const first = takeBytes(829_000)
    new Uint8Array(first.buffer).fill(7) // the slack too, as a reader of a longer file would leave it
    const back = roundTrip(first.buffer)
    expect(first.length).toBe(0) // detached here
    recycleBytes(back)
    recycleBytes(back) // once only
    expect(bytePoolStats()).toEqual({ buffers: 1, bytes: pooledCapacity(829_000) })
    const second = takeBytes(800_000) // the same class
    expect(second.buffer).toBe(back)
    expect(ownsWholeBuffer(second)).toBe(true)
    expect(second.subarray(0, 10).every((byte) => byte === 7)).toBe(true) // the reader overwrites these
    expect(new Uint8Array(second.buffer, 800_000).every((byte) => byte === 0)).toBe(true)
    expect(bytePoolStats().buffers).toBe(0)
  })

  it('never takes back a buffer it handed out (a view of it may still be in use)', async () => {
    const { bytePoolStats, recycleBytes, takeBytes } = await freshPool()
    const body = takeBytes(300_000)
    recycleBytes(body.buffer as ArrayBuffer)
    expect(bytePoolStats().buffers).toBe(0)
    expect(takeBytes(300_000).buffer).not.toBe(body.buffer)
  })

  it('never keeps a small, odd-sized, detached or shared buffer', async () => {
    const { bytePoolStats, recycleBytes, takeBytes } = await freshPool()
    recycleBytes(new ArrayBuffer(1024))
    recycleBytes(new ArrayBuffer(pooledCapacity(300_000) + 1))
    const moved = takeBytes(300_000).buffer as ArrayBuffer
    structuredClone(moved, { transfer: [moved] })
    recycleBytes(moved)
    recycleBytes(new SharedArrayBuffer(pooledCapacity(300_000)) as unknown as ArrayBuffer)
    expect(bytePoolStats().buffers).toBe(0)
  })

  it('keeps at most 16 buffers and 32 MiB idle, the newest among them (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 64 * 1024, max: 12 * 2 ** 20 }), { minLength: 1, maxLength: 40 }), async (lengths) => {
        const { bytePoolStats, recycleBytes, takeBytes } = await freshPool()
        for (const length of lengths) recycleBytes(roundTrip(takeBytes(length).buffer))
        const { buffers, bytes } = bytePoolStats()
        expect(buffers).toBeLessThanOrEqual(16)
        expect(bytes).toBeLessThanOrEqual(32 * 2 ** 20)
        // the newest is kept: the one taken for its length is the one just returned
        const last = lengths.at(-1)!
        const lastBack = roundTrip(takeBytes(last).buffer)
        recycleBytes(lastBack)
        expect(takeBytes(last).buffer).toBe(lastBack)
      }),
      { numRuns: 30 },
    )
  })
})
