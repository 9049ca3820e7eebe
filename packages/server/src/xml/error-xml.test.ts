import { describe, expect, it } from 'vitest'
import { ImgError } from '@imgproc/types'
import { errorResponse } from './error-xml.js'
import { parseXml } from './xml.js'

const ctx = { requestId: 'ABCDEF0123456789ABCDEF01', hostId: 'bkt.localhost', dialect: 'oss' as const, method: 'GET' }

describe('errorResponse', () => {
  it('renders code, message, request id, host id and extra fields with the table status', async () => {
    const res = errorResponse(new ImgError('NoSuchKey', undefined, { fields: { Key: 'a.jpg' } }), ctx)
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe('application/xml')
    expect(res.headers.get('x-oss-request-id')).toBe(ctx.requestId)
    const doc = parseXml(await res.text()) as { Error: Record<string, string> }
    expect(doc.Error).toEqual({
      Code: 'NoSuchKey',
      Message: 'The specified key does not exist.',
      RequestId: ctx.requestId,
      HostId: 'bkt.localhost',
      Key: 'a.jpg',
    })
  })

  it('hides the message of anything that is not an ImgError', async () => {
    const res = errorResponse(new Error('secret path /etc/x'), ctx)
    expect(res.status).toBe(500)
    const text = await res.text()
    expect(text).toContain('<Code>InternalError</Code>')
    expect(text).not.toContain('/etc/x')
  })

  it('adds ArgumentName/ArgumentValue for InvalidArgument', async () => {
    const error = new ImgError('InvalidArgument', 'The value: 0 of parameter: w is invalid.', { argument: 'w', value: '0' })
    const text = await errorResponse(error, ctx).text()
    expect(text).toContain('<ArgumentName>w</ArgumentName><ArgumentValue>0</ArgumentValue>')
  })

  it('puts a HEAD error in x-oss-err (base64 XML) with an empty body', async () => {
    const res = errorResponse(new ImgError('SignatureDoesNotMatch'), { ...ctx, method: 'HEAD' })
    expect(res.status).toBe(403)
    expect(await res.text()).toBe('')
    const xml = new TextDecoder().decode(Uint8Array.from(atob(res.headers.get('x-oss-err')!), (c) => c.charCodeAt(0)))
    expect(xml).toContain('<Code>SignatureDoesNotMatch</Code>')
  })

  it('uses x-obs-* headers for OBS HEAD errors and the OBS request id', async () => {
    const res = errorResponse(new ImgError('NoSuchKey'), { ...ctx, method: 'HEAD', dialect: 'obs' })
    expect(res.headers.get('x-obs-error-code')).toBe('NoSuchKey')
    expect(res.headers.get('x-obs-request-id')).toBe(ctx.requestId)
    expect(res.headers.get('x-oss-request-id')).toBe(ctx.requestId)
  })

  it('keeps extra headers such as Retry-After', () => {
    const res = errorResponse(new ImgError('SlowDown'), { ...ctx, headers: { 'retry-after': '2' } })
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('2')
  })
})
