// The Node adapter's request (node-http-request.ts): headers that behave as Web Headers do, and
// URLs made (or refused) as @hono/node-server made them.
import type { IncomingMessage } from 'node:http'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { NodeHeaders, requestUrl } from './node-http-request.js'

const token = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,12}$/)
const value = fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,10}[\x21-\x7e])?$/)

describe('NodeHeaders', () => {
  it('answers get, has, keys and iteration exactly as Headers over the same lines', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(token, fc.constantFrom('Host', 'cookie', 'X-Oss-Meta-A', 'x-oss-meta-a')), value), { maxLength: 12 }), (lines) => {
        const raw = lines.flat()
        const ours = new NodeHeaders(raw)
        const web = new Headers(lines)
        expect([...ours]).toEqual([...web])
        expect([...ours.keys()]).toEqual([...web.keys()])
        for (const [name] of lines) {
          for (const asked of [name, name.toLowerCase(), name.toUpperCase()]) {
            expect(ours.get(asked)).toBe(web.get(asked))
            expect(ours.has(asked)).toBe(web.has(asked))
          }
        }
        expect(ours.get('not-sent')).toBeNull()
      }),
    )
  })
})

function incoming(url: string, rawHeaders: string[], encrypted = false): IncomingMessage {
  return { url, rawHeaders, socket: { encrypted } } as unknown as IncomingMessage
}

describe('requestUrl', () => {
  it('joins the first Host and the target, with the scheme of the socket', () => {
    expect(requestUrl(incoming('/bkt/a%20b?x=1', ['Host', 'example.com:8080'])).href).toBe('http://example.com:8080/bkt/a%20b?x=1')
    expect(requestUrl(incoming('/k', ['host', 'b.localhost', 'Host', 'other'], true)).href).toBe('https://b.localhost/k')
    expect(requestUrl(incoming('http://elsewhere/k', ['Host', 'h'])).href).toBe('http://elsewhere/k')
  })

  it.each([
    ['no Host', '/k', [], 'Missing host header'],
    ['an empty Host', '/k', ['Host', ''], 'Missing host header'],
    ['a Host the parser rewrites', '/k', ['Host', 'LOCALHOST:80'], 'Invalid host header'],
    ['a Host with user info', '/k', ['Host', 'u@h'], 'Invalid host header'],
    ['a Host that does not parse', '/k', ['Host', '[::1'], 'Invalid URL'],
    ['a backslash in the path', '/a\\b', ['Host', 'h'], 'Backslash in request path'],
    ['an asterisk', '*', ['Host', 'h'], 'Invalid host header'],
    ['a bad absolute URL', 'http://[x/k', ['Host', 'h'], 'Invalid absolute URL'],
  ])('refuses %s', (_name, url, raw, message) => {
    expect(() => requestUrl(incoming(url, raw))).toThrow(expect.objectContaining({ name: 'RequestError', message }))
  })

  it('allows a backslash in the query', () => {
    expect(requestUrl(incoming('/k?a=\\', ['Host', 'h'])).pathname).toBe('/k')
  })
})
