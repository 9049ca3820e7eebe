// A worker's asks answered on the main thread (node-worker-asks.ts), without threads: each answer
// goes through the running job's own loader and budget, and a job that is not running gets none.
import { describe, expect, it } from 'vitest'
import { ImgError } from '@imgproc/types'
import type { ToWorker } from './node-worker-protocol.js'
import { answerAsk, isAsk } from './node-worker-asks.js'

function answers() {
  const posted: ToWorker[] = []
  const post = (message: ToWorker) => void posted.push(message)
  const next = async () => {
    for (let i = 0; i < 20 && posted.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 1))
    return posted.shift()!
  }
  return { post, next }
}

const job = {
  loadObject: async (key: string, bucket?: string) => (key === 'mark.png' ? new TextEncoder().encode(`${bucket}/${key}`) : null),
  reserve: async (bytes: number) => bytes <= 100,
}

describe('answerAsk', () => {
  it('tells asks from other messages', () => {
    expect(isAsk({ type: 'load', id: 1, loadId: 1, key: 'k' })).toBe(true)
    expect(isAsk({ type: 'ready' })).toBe(false)
  })

  it("reads an object through the running job's own loader, as a copy the worker may keep", async () => {
    const { post, next } = answers()
    answerAsk({ type: 'load', id: 7, loadId: 3, key: 'mark.png', bucket: 'b' }, post, (id) => (id === 7 ? job : undefined))
    const loaded = await next()
    expect(loaded).toMatchObject({ type: 'loaded', loadId: 3 })
    expect(new TextDecoder().decode((loaded as { bytes: Uint8Array }).bytes)).toBe('b/mark.png')
  })

  it('refuses a job that is not running: no object, no memory', async () => {
    const { post, next } = answers()
    answerAsk({ type: 'load', id: 8, loadId: 4, key: 'mark.png' }, post, () => undefined)
    expect(await next()).toMatchObject({ type: 'loaded', loadId: 4, bytes: null, error: { code: 'AccessDenied' } })
    answerAsk({ type: 'reserve', id: 8, bytes: 1 }, post, () => undefined)
    expect(await next()).toMatchObject({ type: 'reserved', id: 8, granted: false, error: { code: 'InternalError' } })
  })

  it("answers a reservation from the job's budget, and its error when it throws at once", async () => {
    const { post, next } = answers()
    answerAsk({ type: 'reserve', id: 1, bytes: 50 }, post, () => job)
    expect(await next()).toEqual({ type: 'reserved', id: 1, granted: true })
    answerAsk({ type: 'reserve', id: 1, bytes: 500 }, post, () => job)
    expect(await next()).toEqual({ type: 'reserved', id: 1, granted: false })
    const throwing = { ...job, reserve: (): Promise<boolean> => { throw new ImgError('ImageTooLarge', 'never fits') } }
    answerAsk({ type: 'reserve', id: 2, bytes: 1 }, post, () => throwing)
    expect(await next()).toMatchObject({ type: 'reserved', id: 2, granted: false, error: { code: 'ImageTooLarge' } })
  })

  it('sends no file but a codec', async () => {
    const { post, next } = answers()
    answerAsk({ type: 'wasm', file: '../../etc/passwd' }, post, () => undefined)
    expect(await next()).toMatchObject({ type: 'wasm', file: '../../etc/passwd', error: { code: 'CodecUnavailable' } })
  })
})
