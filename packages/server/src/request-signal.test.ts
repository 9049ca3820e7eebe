import { getEventListeners } from 'node:events'
import { describe, expect, it } from 'vitest'
import { createRequestSignal } from './request-signal.js'

const sources = () => ({ client: new AbortController(), stopping: new AbortController() })

describe('createRequestSignal', () => {
  it('aborts with the client reason when the client goes away', () => {
    const { client, stopping } = sources()
    const made = createRequestSignal(client.signal, stopping.signal, 10_000)
    client.abort('gone')
    expect(made.signal.aborted).toBe(true)
    expect(made.signal.reason).toBe('gone')
    expect(made.timedOut()).toBe(false)
  })

  it('aborts with a TimeoutError when the deadline passes, and says so', async () => {
    const { client, stopping } = sources()
    const made = createRequestSignal(client.signal, stopping.signal, 5)
    await new Promise((resolve) => made.signal.addEventListener('abort', resolve))
    expect((made.signal.reason as DOMException).name).toBe('TimeoutError')
    expect(made.timedOut()).toBe(true)
  })

  it('aborts with the server reason when the server stops', () => {
    const { client, stopping } = sources()
    const made = createRequestSignal(client.signal, stopping.signal, 10_000)
    stopping.abort('stopping')
    expect(made.signal.reason).toBe('stopping')
    made.release()
  })

  it('reads already aborted sources in the order AbortSignal.any does: client, deadline, server', () => {
    const both = sources()
    both.client.abort('client')
    both.stopping.abort('server')
    expect(createRequestSignal(both.client.signal, both.stopping.signal, 0).signal.reason).toBe('client')
    const late = sources()
    late.stopping.abort('server')
    const pastDeadline = createRequestSignal(late.client.signal, late.stopping.signal, 0)
    expect((pastDeadline.signal.reason as DOMException).name).toBe('TimeoutError')
    expect(pastDeadline.timedOut()).toBe(true)
    expect(createRequestSignal(late.client.signal, late.stopping.signal, 1000).signal.reason).toBe('server')
  })

  it('the first source to abort lets go of the others: its reason stays, no timer fires later', async () => {
    const { client, stopping } = sources()
    const made = createRequestSignal(client.signal, stopping.signal, 5)
    client.abort('gone')
    expect(getEventListeners(client.signal, 'abort')).toHaveLength(0)
    stopping.abort('stopping')
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(made.signal.reason).toBe('gone')
    expect(made.timedOut()).toBe(false)
  })

  it('after release, nothing aborts it any more (the request is over)', async () => {
    const { client, stopping } = sources()
    const made = createRequestSignal(client.signal, stopping.signal, 5)
    made.release()
    stopping.abort('later')
    client.abort('later')
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(made.signal.aborted).toBe(false)
    expect(made.timedOut()).toBe(false)
  })
})

describe('the long-lived stopping signal', () => {
  it('carries one listener however many requests are in flight, and still stops them all', () => {
    const stopping = new AbortController()
    const made = Array.from({ length: 50 }, () => createRequestSignal(new AbortController().signal, stopping.signal, 10_000))
    expect(getEventListeners(stopping.signal, 'abort')).toHaveLength(1)
    made[0]!.release()
    stopping.abort('stopping')
    expect(made[0]!.signal.aborted).toBe(false)
    expect(made.slice(1).every((each) => each.signal.reason === 'stopping')).toBe(true)
    for (const each of made) each.release()
  })
})
