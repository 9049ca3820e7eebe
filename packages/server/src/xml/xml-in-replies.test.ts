// XML through the whole handler: replies stay well-formed under a strict parser whatever a key
// holds, request bodies decode character references, and a Host the handler cannot read is 400.
import { beforeEach, describe, expect, it } from 'vitest'
import { createMemoryStorage } from '@imgproc/storage'
import type { StorageAdapter } from '@imgproc/types'
import { createHandler, type Handler } from '../app.js'
import type { Caller } from '../auth/index.js'
import type { ImageProcessor, ProcessJob } from '../processor.js'
import { strictXmlErrors } from './testing-strict-xml.js'
import { parseXml } from './xml.js'

const jobs: ProcessJob[] = []
const recorder: ImageProcessor = {
  async process(job) {
    jobs.push(job)
    return { body: new TextEncoder().encode(`out:${job.process}`), contentType: 'image/png' }
  },
}
const owner = async (): Promise<Caller> => ({ anonymous: false, accessKeyId: 'ak', scheme: 'oss-v1-header', signedParams: new Set(['x-oss-process']) })

let storage: StorageAdapter
let handler: Handler
const call = (path: string, init: RequestInit = {}) => handler(new Request(`http://localhost${path}`, init))

/** The reply body, after checking that a strict XML 1.0 parser accepts it. */
async function wellFormed(res: Response): Promise<string> {
  const xml = await res.text()
  expect(strictXmlErrors(xml), xml).toEqual([])
  return xml
}

beforeEach(async () => {
  jobs.length = 0
  storage = createMemoryStorage()
  handler = createHandler({ storage, engine: recorder, auth: owner })
  await storage.createBucket('bkt', { acl: 'public-read-write' })
  await storage.put('bkt', 'photo.jpg', new TextEncoder().encode('source-bytes'), { contentType: 'image/jpeg' })
})

describe('control characters in keys', () => {
  it('writes them as U+FFFD in error replies (PutObject refuses the name, GetObject misses it)', async () => {
    const put = await call('/bkt/a%00b%01c', { method: 'PUT', body: 'x' })
    expect(put.status).toBe(400)
    expect(await wellFormed(put)).toContain('<Code>InvalidObjectName</Code><Message>The specified object name is not valid.</Message>')
    const get = await call('/bkt/a%01b%1F%EF%BF%BF')
    expect(get.status).toBe(404)
    const xml = await wellFormed(get)
    expect((parseXml(xml) as { Error: { Key: string } }).Error.Key).toBe('a\ufffdb\ufffd\ufffd')
  })

  it('keeps the HEAD form (x-oss-err, base64 XML) well-formed too', async () => {
    const head = await call('/bkt/a%00b', { method: 'HEAD' })
    const xml = new TextDecoder().decode(Uint8Array.from(atob(head.headers.get('x-oss-err')!), (c) => c.charCodeAt(0)))
    expect(strictXmlErrors(xml)).toEqual([])
    expect(xml).toContain('<Key>a\ufffdb</Key>')
  })

  // the API refuses such names (assertObjectName), but adapters only refuse NUL, so keys written
  // around the API can hold the other controls; listing prefixes and delimiters come from the query
  it('lists keys and echoes prefixes with them well-formed, exact with encoding-type=url', async () => {
    await storage.put('bkt', 'dir\u0001/x\u001fy', new Uint8Array([1]))
    const plain = await wellFormed(await call('/bkt/?prefix=dir%01&delimiter=%00'))
    expect(plain).toContain('<Prefix>dir\ufffd</Prefix>')
    expect(plain).toContain('<Delimiter>\ufffd</Delimiter>')
    const grouped = await wellFormed(await call('/bkt/?delimiter=/'))
    expect(grouped).toContain('<CommonPrefixes><Prefix>dir\ufffd/</Prefix></CommonPrefixes>')
    const listed = await wellFormed(await call('/bkt/?list-type=2&prefix=dir'))
    expect(listed).toContain('<Key>dir\ufffd/x\ufffdy</Key>')
    const encoded = await wellFormed(await call('/bkt/?list-type=2&prefix=dir&encoding-type=url'))
    expect(encoded).toContain('<Key>dir%01%2Fx%1Fy</Key>')
  })
})

describe('character references in request bodies', () => {
  const putStyle = (content: string) =>
    call('/bkt/?style&styleName=small', { method: 'PUT', body: `<?xml version="1.0" encoding="UTF-8"?><Style><Content>${content}</Content></Style>` })

  it('stores what a numeric reference stands for, and processing uses it', async () => {
    expect((await putStyle('image/resize,w_&#49;00/rotate,&#x39;0')).status).toBe(200)
    const got = parseXml(await wellFormed(await call('/bkt/?style&styleName=small'))) as { Style: { Content: string } }
    expect(got.Style.Content).toBe('image/resize,w_100/rotate,90')
    const res = await call('/bkt/photo.jpg?x-oss-process=style/small')
    expect(await res.text()).toBe('out:image/resize,w_100/rotate,90')
    expect(jobs.at(-1)?.process).toBe('image/resize,w_100/rotate,90')
  })

  it('decodes the predefined entities once and refuses any other entity', async () => {
    await putStyle('image/watermark,text_&#38;amp;&lt;')
    expect((await storage.getStyle('bkt', 'small'))?.content).toBe('image/watermark,text_&amp;<')
    const nbsp = await putStyle('image/resize,w_1&nbsp;')
    expect(nbsp.status).toBe(400)
    expect(await wellFormed(nbsp)).toContain('The XML you provided was not well-formed.')
    expect((await putStyle('image/resize,w_&#1;')).status).toBe(400)
  })
})

describe('Host headers the handler cannot read', () => {
  it.each(['[::1', 'a b', 'bkt.localhost, evil.localhost', 'a@b'])('%j is 400 BadRequest in error XML', async (host) => {
    const res = await handler(new Request('http://localhost/bkt/photo.jpg', { headers: { host } }))
    expect(res.status).toBe(400)
    expect(res.headers.get('x-oss-request-id')).toMatch(/^[0-9A-F]{24}$/)
    expect(await wellFormed(res)).toContain('<Code>BadRequest</Code><Message>The Host header is not valid.</Message>')
  })
})
