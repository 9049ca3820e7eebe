// processFile: a source that is a file the process holds open is read by the worker that runs the
// job, and the pool closes the file exactly once, and only once no worker can still read it (a
// closed descriptor's number is reused by the next open: closed early, a worker could read the
// wrong file).
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ObjectFile } from '@imgproc/types'
import { noObjects, ReservationDeferred } from '../processor.js'
import { createWorkerPool } from './node-worker-pool.js'

const dir = mkdtempSync(join(tmpdir(), 'imgproc-pool-files-'))
const fixture = new URL('./node-worker-pool.fixture.ts', import.meta.url).href
// one worker, so consecutive jobs share its spare buffer
const pool = createWorkerPool({ size: 1, factoryUrl: fixture, abortGraceMs: 200 })
afterAll(() => pool.close())

let files = 0
/** A file holding `bytes` after a 3-byte prefix, opened, as the range of `bytes`; counts its closes. */
function openedFile(bytes: Uint8Array, length = bytes.length) {
  const path = join(dir, `f${files++}`)
  writeFileSync(path, Buffer.concat([Buffer.from([9, 9, 9]), bytes]))
  const fd = openSync(path, 'r')
  const state = { closes: 0 }
  const file: ObjectFile = { fd, start: 3, length, close: () => (state.closes++ === 0 ? closeSync(fd) : undefined) }
  return { file, state }
}
const job = (process: string, file: ObjectFile, signal?: AbortSignal) => ({ file, process, dialect: 'oss' as const, loadObject: noObjects, ...(signal ? { signal } : {}) })
const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
}

describe('createWorkerPool processFile', () => {
  it('has the worker read the file range, and closes the file once the job is done', async () => {
    const { file, state } = openedFile(new Uint8Array([0, 1, 254]))
    const output = await pool.processFile!(job('invert', file))
    expect([...output.body]).toEqual([255, 254, 1])
    expect(state.closes).toBe(1)
  })

  it('closes the file of a job that fails, and of one refused before it reaches a worker', async () => {
    const failing = openedFile(new Uint8Array([1]))
    await expect(pool.processFile!(job('fail', failing.file))).rejects.toMatchObject({ code: 'InvalidArgument' })
    expect(failing.state.closes).toBe(1)
    const refused = openedFile(new Uint8Array([1]))
    await expect(pool.processFile!(job('invert', refused.file, AbortSignal.abort()))).rejects.toThrow()
    expect(refused.state.closes).toBe(1)
  })

  it('answers a file shorter than its recorded size with an InternalError, and closes it', async () => {
    const { file, state } = openedFile(new Uint8Array([1, 2]), 5)
    await expect(pool.processFile!(job('invert', file))).rejects.toMatchObject({ code: 'InternalError' })
    expect(state.closes).toBe(1)
  })

  it('keeps the file of an abandoned job open until its worker has exited', async () => {
    const { file, state } = openedFile(new Uint8Array([1]))
    const controller = new AbortController()
    const spinning = pool.processFile!(job('spin', file, controller.signal))
    setTimeout(() => controller.abort(new Error('deadline')), 50)
    let closesAtRejection = -1
    await spinning.catch(() => (closesAtRejection = state.closes))
    expect(closesAtRejection).toBe(0) // the grace ran out, the worker is being terminated, it may still read
    await waitFor(() => state.closes === 1)
    expect(state.closes).toBe(1)
    // the replacement worker serves files
    const next = openedFile(new Uint8Array([7]))
    expect([...(await pool.processFile!(job('invert', next.file))).body]).toEqual([248])
  })

  it('hands a deferred job its bytes back, with nothing of an earlier source past them', async () => {
    // the first job leaves its buffer in the worker; the second, shorter one of the same size
    // class (90112 bytes) is read into it
    const first = openedFile(new Uint8Array(90_000).fill(7))
    await pool.processFile!(job('invert', first.file))
    const second = openedFile(new Uint8Array(86_000).fill(5))
    const deferred = await pool.processFile!({ ...job('reserve/10', second.file), reserve: async () => false }).catch((error: unknown) => error)
    expect(ReservationDeferred.is(deferred)).toBe(true)
    const source = (deferred as ReservationDeferred).source
    expect(source.length).toBe(86_000)
    expect(source.buffer.byteLength).toBe(90_112)
    expect(source.every((byte) => byte === 5)).toBe(true)
    expect(new Uint8Array(source.buffer, 86_000).every((byte) => byte === 0)).toBe(true)
    expect(second.state.closes).toBe(1)
    // and runs again from those bytes, moved whole
    const rerun = await pool.process({ source, process: 'invert', dialect: 'oss', loadObject: noObjects })
    expect(rerun.body.every((byte) => byte === 250)).toBe(true)
    expect(source.byteLength).toBe(0)
  })

  it('closes the file of a job aborted while it waits for a worker, at once, and of one that cannot be sent', async () => {
    // the one worker is held by a job that waits for an object
    let release!: () => void
    const held = new Promise<Uint8Array | null>((resolve) => (release = () => resolve(null)))
    const holding = pool.processFile!({ ...job('load/slow', openedFile(new Uint8Array([1])).file), loadObject: () => held })
    const queued = openedFile(new Uint8Array([1]))
    const controller = new AbortController()
    const waiting = pool.processFile!(job('invert', queued.file, controller.signal))
    controller.abort(new Error('client gone'))
    await expect(waiting).rejects.toThrow('client gone')
    expect(queued.state.closes).toBe(1)
    release()
    await holding
    // a job that cannot cross to the thread is refused, its file closed, and the worker stays free
    const unsendable = openedFile(new Uint8Array([1]))
    await expect(pool.processFile!({ ...job('invert', unsendable.file), parsed: { notCloneable: () => 1 } as never })).rejects.toThrow()
    expect(unsendable.state.closes).toBe(1)
    expect([...(await pool.processFile!(job('invert', openedFile(new Uint8Array([3])).file))).body]).toEqual([252])
  })

  it('closes the files of queued and running jobs when the pool closes, the running one after its worker', async () => {
    const closing = createWorkerPool({ size: 1, factoryUrl: fixture })
    await closing.ready()
    const running = openedFile(new Uint8Array([1]))
    const queued = openedFile(new Uint8Array([1]))
    const a = closing.processFile!({ ...job('load/slow', running.file), loadObject: () => new Promise(() => {}) }).catch((error: unknown) => error)
    const b = closing.processFile!(job('invert', queued.file)).catch((error: unknown) => error)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await closing.close()
    expect(await b).toMatchObject({ code: 'InternalError' })
    expect(queued.state.closes).toBe(1)
    expect(await a).toMatchObject({ code: 'InternalError' })
    await waitFor(() => running.state.closes === 1)
    expect(running.state.closes).toBe(1)
  })
})
