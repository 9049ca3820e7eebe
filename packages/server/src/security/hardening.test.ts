// Issue 12's smaller findings, from the attacker's side of the HTTP API: control characters in a
// key must not break the error XML, a character reference in a style must mean the character,
// an overloaded server must turn requests away before it reads storage and say when to retry.
import { describe, expect, it } from 'vitest'
import { strictXmlErrors } from '../xml/testing-strict-xml.js'
import { errorCode, makeWorld, PUBLIC } from './fixtures.js'

describe('what an attacker sends comes back well-formed', () => {
  it('a key with NUL and other control characters gets an error document a strict XML parser accepts', async () => {
    const world = await makeWorld()
    for (const key of ['a%00b.jpg', '%01%02%1F.jpg', 'x%7F%0B.jpg']) {
      for (const path of [`/${PUBLIC}/${key}`, `/${PUBLIC}/${key}?x-oss-process=image/resize,w_10`]) {
        const response = await world.call(path)
        expect(response.status, path).toBeGreaterThanOrEqual(400)
        const xml = await response.text()
        expect(strictXmlErrors(xml), `${path}: ${xml}`).toEqual([])
      }
    }
  })

  it('PutStyle decodes numeric character references: &#49;00 is 100', async () => {
    const world = await makeWorld()
    const body = '<?xml version="1.0" encoding="UTF-8"?><Style><Content>image/resize,w_&#49;0&#x30;</Content></Style>'
    expect((await world.call(`/${PUBLIC}?style&styleName=ref`, { method: 'PUT', body, owner: true })).status).toBe(200)
    const style = await world.storage.getStyle(PUBLIC, 'ref')
    expect(style?.content).toBe('image/resize,w_100')
  })
})

describe('load shedding', () => {
  it('turns image requests away with 503 SlowDown + Retry-After before any storage read', async () => {
    const world = await makeWorld({ limits: { concurrency: 1, maxQueued: 1 } })
    const gates: Array<() => void> = []
    const held = [1, 2].map(() => world.handler.queue.run(() => new Promise<void>((resolve) => gates.push(resolve))))
    await new Promise((r) => setTimeout(r, 10))
    let storageReads = 0
    const head = world.storage.head.bind(world.storage)
    world.storage.head = async (...args) => {
      storageReads++
      return head(...args)
    }
    const response = await world.call(`/${PUBLIC}/pub.jpg?x-oss-process=image/resize,w_${20}`)
    expect(response.status).toBe(503)
    expect(await errorCode(response)).toBe('SlowDown')
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(response.headers.get('x-oss-request-id')).toMatch(/^[0-9A-F]{24}$/)
    expect(storageReads).toBe(0)
    // plain GETs do not queue: they are served meanwhile
    expect((await world.call(`/${PUBLIC}/pub.jpg`)).status).toBe(200)
    for (let i = 0; i < 2; i++) {
      gates.shift()?.()
      await new Promise((r) => setTimeout(r, 10))
    }
    await Promise.all(held)
    expect((await world.call(`/${PUBLIC}/pub.jpg?x-oss-process=image/resize,w_20`)).status).toBe(200)
  })
})
