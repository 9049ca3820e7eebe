// The server over loopback, driven by the official clients (ali-oss 6.23.0, esdk-obs-nodejs
// 3.26.8) exactly as an application would use them, with the worker-thread pool doing the image
// work through the real engine. The same suite runs once per storage backend: the filesystem
// adapter always, the S3 adapter when S3_ENDPOINT & co. are set (CI starts a Ceph gateway).
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { Agent, get } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StorageAdapter } from '@imgproc/types'
import { backends, imageSize, type Backend } from './harness.js'
import { obsClient, OSS, streamBytes } from './official-clients.fixture.js'
import { createAuthenticator, createMemoryCredentialStore } from '../auth/index.js'
import { makeDemoImage } from '../demo.js'
import { serve, type RunningServer } from '../serve/node.js'
import { initNodeRuntime } from '../serve/node-runtime.js'

const AK = 'test-ak'
const SK = 'test-secret'
const toLocalhost = new Agent({ lookup: (_host, options, callback) => (options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4)) })

/** GET through an agent (to reach `<bucket>.localhost` names on 127.0.0.1). */
function httpGet(url: string, agent: Agent): Promise<{ status: number; body: Uint8Array }> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (res) => {
      streamBytes(res).then((body) => resolve({ status: res.statusCode ?? 0, body }), reject)
    }).on('error', reject)
  })
}

describe.each(backends())('server with the official clients over $name storage', (backend: Backend) => {
  let server: RunningServer
  let storage: StorageAdapter
  let tmp: string
  let photo: Uint8Array
  const bucket = backend.bucket('e2e')
  const oss = (extra: Record<string, unknown> = {}) =>
    new OSS({ accessKeyId: AK, accessKeySecret: SK, bucket, endpoint: `http://127.0.0.1:${server.port}`, ...extra })
  const ossByName = (extra: Record<string, unknown> = {}) => oss({ endpoint: `http://localhost:${server.port}`, sldEnable: true, ...extra })
  const obs = (extra: Record<string, unknown> = {}) => obsClient({ access_key_id: AK, secret_access_key: SK, server: `http://127.0.0.1:${server.port}`, ...extra })

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'imgproc-e2e-'))
    storage = await backend.create(tmp)
    server = await serve({
      storage,
      port: 0,
      workers: 2,
      auth: createAuthenticator({ credentials: createMemoryCredentialStore({ [AK]: SK }) }),
    })
    await initNodeRuntime()
    photo = await makeDemoImage({ width: 320, height: 200 })
    expect((await oss().putBucket(bucket)).res.status).toBe(200)
    expect((await oss().put('photo.jpg', Buffer.from(photo))).res.status).toBe(200)
  })

  afterAll(async () => {
    await server?.close()
    if (storage) await backend.cleanup?.(storage, bucket)
    await rm(tmp, { recursive: true, force: true })
  })

  it('ali-oss: put, head (ETag = MD5), get; V4 header signing; V1 and V4 signed URLs', async () => {
    const head = await oss().head('photo.jpg')
    expect(head.res.headers.etag).toMatch(/^"[0-9A-F]{32}"$/)
    expect(head.res.headers['x-oss-request-id']).toMatch(/^[0-9A-F]{24}$/)
    expect(new Uint8Array((await oss().get('photo.jpg')).content!)).toEqual(photo)
    const v4 = oss({ authorizationV4: true })
    expect((await v4.put('v4.jpg', Buffer.from(photo))).res.status).toBe(200)
    expect(new Uint8Array((await v4.get('v4.jpg')).content!)).toEqual(photo)
    const v1Url = await fetch(ossByName().signatureUrl('photo.jpg', { expires: 300 }))
    expect(v1Url.status).toBe(200)
    const v4Url = await fetch(await ossByName().signatureUrlV4('GET', 300, { headers: {}, queries: {} }, 'photo.jpg'))
    expect(v4Url.status).toBe(200)
    expect(new Uint8Array(await v4Url.arrayBuffer())).toEqual(photo)
  })

  it("ali-oss: PutStyle / GetStyle / ListStyle / DeleteStyle through the client's request()", async () => {
    const client = ossByName()
    const put = await client.request({
      method: 'PUT',
      bucket,
      subres: { style: '', styleName: 'thumb' },
      content: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Style><Content>image/resize,w_50/format,png</Content></Style>'),
      successStatuses: [200],
    })
    expect(put.res.status).toBe(200)
    const got = await client.request({ method: 'GET', bucket, subres: { style: '', styleName: 'thumb' }, successStatuses: [200] })
    expect(got.data.toString()).toMatch(/<Style><Name>thumb<\/Name><Content>image\/resize,w_50\/format,png<\/Content><Category>image<\/Category><CreateTime>[^<]+GMT<\/CreateTime>/)
    const list = await client.request({ method: 'GET', bucket, subres: { style: '' }, successStatuses: [200] })
    expect(list.data.toString()).toContain('<StyleList><Style><Name>thumb</Name>')
    await client.request({ method: 'PUT', bucket, subres: { style: '', styleName: 'gone' }, content: Buffer.from('<Style><Content>image/rotate,90</Content></Style>'), successStatuses: [200] })
    expect((await client.request({ method: 'DELETE', bucket, subres: { style: '', styleName: 'gone' }, successStatuses: [204] })).res.status).toBe(204)
    await expect(client.request({ method: 'GET', bucket, subres: { style: '', styleName: 'gone' }, successStatuses: [200] })).rejects.toMatchObject({ status: 404, code: 'NoSuchStyle' })
    await expect(
      client.request({ method: 'PUT', bucket, subres: { style: '', styleName: 'bad!name' }, content: Buffer.from('<Style><Content>image/resize,w_1</Content></Style>'), successStatuses: [200] }),
    ).rejects.toMatchObject({ status: 400, code: 'InvalidArgument' })
  })

  it('ali-oss: wrong secret, expired URL, missing key, bad process, private object read anonymously', async () => {
    await expect(oss({ accessKeySecret: 'wrong' }).get('photo.jpg')).rejects.toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' })
    await expect(oss({ accessKeySecret: 'wrong' }).head('photo.jpg')).rejects.toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' })
    const expired = await fetch(ossByName().signatureUrl('photo.jpg', { process: 'image/resize,w_10', expires: -10 }))
    expect(expired.status).toBe(403)
    expect(await expired.text()).toContain('<Code>AccessDenied</Code>')
    await expect(oss().get('missing.jpg')).rejects.toMatchObject({ status: 404, code: 'NoSuchKey' })
    await expect(oss().get('photo.jpg', { process: 'image/resize,w_0' })).rejects.toMatchObject({ status: 400, code: 'InvalidArgument' })
    const anonymous = await fetch(`http://127.0.0.1:${server.port}/${bucket}/photo.jpg`)
    expect(anonymous.status).toBe(403)
    expect(await anonymous.text()).toContain('<Code>AccessDenied</Code>')
    expect((await oss().putACL('photo.jpg', 'public-read')).res.status).toBe(200)
    expect((await fetch(`http://127.0.0.1:${server.port}/${bucket}/photo.jpg`)).status).toBe(200)
    await oss().putACL('photo.jpg', 'default')
  })

  it('esdk-obs-nodejs: SourceFile upload (chunked), getObject as a stream, OBS signing after negotiation, wrong secret', async () => {
    const client = await obs()
    const file = join(tmp, 'upload.jpg')
    await writeFile(file, photo)
    const put = await client.putObject({ Bucket: bucket, Key: 'obs/photo.jpg', SourceFile: file })
    expect(put.CommonMsg.Status).toBe(200)
    const got = await client.getObject({ Bucket: bucket, Key: 'obs/photo.jpg', SaveAsStream: true })
    expect(await streamBytes(got.InterfaceResult!.Content!)).toEqual(photo)
    // virtual host with negotiation: HEAD /?apiversion answers x-obs-api: 3.0, then OBS signatures
    const negotiated = await obs({ server: `http://localhost:${server.port}`, http_agent: toLocalhost })
    const viaObs = await negotiated.getObject({ Bucket: bucket, Key: 'obs/photo.jpg', SaveAsStream: true })
    expect(viaObs.CommonMsg.Status).toBe(200)
    expect(await streamBytes(viaObs.InterfaceResult!.Content!)).toEqual(photo)
    const wrong = await (await obs({ secret_access_key: 'wrong' })).getObject({ Bucket: bucket, Key: 'photo.jpg', SaveAsStream: true })
    wrong.InterfaceResult?.Content?.resume?.()
    expect([wrong.CommonMsg.Status, wrong.CommonMsg.Code]).toEqual([403, 'SignatureDoesNotMatch'])
  })

  describe('image processing (worker pool, real engine)', () => {
    it('ali-oss: processed get with the output type and the source ETag; V1/V4 signed URLs with a process', async () => {
      const etag = (await oss().head('photo.jpg')).res.headers.etag
      const processed = await oss().get('photo.jpg', { process: 'image/resize,w_100/format,png' })
      expect(processed.res.headers['content-type']).toBe('image/png')
      expect(processed.res.headers.etag).toBe(etag)
      expect(imageSize(new Uint8Array(processed.content!))).toEqual({ width: 100, height: 63 })
      const v4 = await oss({ authorizationV4: true }).get('photo.jpg', { process: 'image/resize,w_80' })
      expect(imageSize(new Uint8Array(v4.content!))).toMatchObject({ width: 80 })
      const v1 = await fetch(ossByName().signatureUrl('photo.jpg', { process: 'image/resize,w_64', expires: 300 }))
      expect(v1.status).toBe(200)
      expect(imageSize(new Uint8Array(await v1.arrayBuffer()))).toMatchObject({ width: 64 })
      const v4Url = await ossByName().signatureUrlV4('GET', 300, { headers: {}, queries: { 'x-oss-process': 'image/resize,w_48' } }, 'photo.jpg')
      const v4res = await fetch(v4Url)
      expect(v4res.status).toBe(200)
      expect(imageSize(new Uint8Array(await v4res.arrayBuffer()))).toMatchObject({ width: 48 })
    })

    it('ali-oss: a style in GET and processObjectSave', async () => {
      const styled = await oss().get('photo.jpg', { process: 'style/thumb' })
      expect(styled.res.headers['content-type']).toBe('image/png')
      expect(imageSize(new Uint8Array(styled.content!))).toMatchObject({ width: 50 })
      const saved = await oss().processObjectSave('photo.jpg', 'out/saved.png', 'image/resize,w_40/format,png')
      expect(saved.status).toBe(200)
      expect(imageSize(new Uint8Array((await oss().get('out/saved.png')).content!))).toMatchObject({ width: 40 })
    })

    it('ali-oss: a text watermark (CJK) drawn by the worker with the bundled fonts, as ali-oss sends it', async () => {
      // the text of ali-oss's own processObjectSave test: 'hello 图片服务！' in standard base64
      const text = 'aGVsbG8g5Zu+54mH5pyN5Yqh77yB'
      const marked = await oss().get('photo.jpg', { process: `image/watermark,text_${text},color_ff6a00,` })
      expect(marked.res.headers['content-type']).toBe('image/jpeg')
      const plain = await oss().get('photo.jpg', { process: 'image/format,jpg' })
      expect(imageSize(new Uint8Array(marked.content!))).toEqual(imageSize(new Uint8Array(plain.content!)))
      expect(Buffer.compare(Buffer.from(marked.content!), Buffer.from(plain.content!))).not.toBe(0)
    })

    it('esdk-obs-nodejs: getObject with ImageProcess, info and average-hue in the OBS form (OSS form for ali-oss)', async () => {
      const client = await obs()
      const result = await client.getObject({ Bucket: bucket, Key: 'photo.jpg', ImageProcess: 'image/resize,w_90/format,png', SaveAsStream: true })
      expect(result.CommonMsg.Status).toBe(200)
      expect(imageSize(await streamBytes(result.InterfaceResult!.Content!))).toMatchObject({ width: 90 })
      const info = await client.getObject({ Bucket: bucket, Key: 'photo.jpg', ImageProcess: 'image/info', SaveAsStream: true })
      const json = JSON.parse(new TextDecoder().decode(await streamBytes(info.InterfaceResult!.Content!)))
      expect(json).toMatchObject({ format: 'JPEG', width: 320, height: 200, size: photo.byteLength })
      const hue = await client.getObject({ Bucket: bucket, Key: 'photo.jpg', ImageProcess: 'image/average-hue', SaveAsStream: true })
      expect(JSON.parse(new TextDecoder().decode(await streamBytes(hue.InterfaceResult!.Content!)))).toEqual({ RGB: expect.stringMatching(/^#[0-9A-F]{6}$/) })
      const ossInfo = await oss().get('photo.jpg', { process: 'image/info' })
      expect(JSON.parse(ossInfo.content!.toString())).toMatchObject({ ImageWidth: { value: '320' }, ImageHeight: { value: '200' }, Format: { value: 'jpg' } })
    })

    it('esdk-obs-nodejs: createSignedUrlSync with x-image-process and x-image-save-object persists', async () => {
      const client = await obs({ server: `http://localhost:${server.port}`, http_agent: toLocalhost })
      const QueryParams = { 'x-image-process': 'image/resize,w_20', 'x-image-save-object': btoa('obs/saved.jpg') }
      const { SignedUrl } = client.createSignedUrlSync({ Method: 'GET', Bucket: bucket, Key: 'photo.jpg', Expires: 300, QueryParams })
      expect(new URL(SignedUrl).hostname).toBe(`${bucket}.localhost`)
      const res = await httpGet(SignedUrl, toLocalhost)
      expect(res.status).toBe(200)
      expect(imageSize(res.body)).toMatchObject({ width: 20 })
      const saved = await (await obs()).getObject({ Bucket: bucket, Key: 'obs/saved.jpg', SaveAsStream: true })
      expect(saved.CommonMsg.Status).toBe(200)
      expect(imageSize(await streamBytes(saved.InterfaceResult!.Content!))).toMatchObject({ width: 20 })
    })
  })
})
