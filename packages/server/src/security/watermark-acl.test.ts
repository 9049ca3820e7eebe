// Issue 12, first finding: image work read watermark objects with no ACL check, so an anonymous
// request for a public image could pull a private one into its output (and persist the copy).
// Every watermark object is now read with the caller's rights, exactly as a GET of it would be.
import { beforeAll, describe, expect, it } from 'vitest'
import { b64url, errorCode, makeWorld, OPEN, PRIVATE, PUBLIC, type World } from './fixtures.js'

let world: World
beforeAll(async () => {
  world = await makeWorld()
})

const obsMark = (object: string) => `image/watermark,image_${b64url(object)},g_tl,x_0,y_0`
const ossMark = (key: string) => `image/watermark,image_${b64url(key)}`

/** Status, code and body of a direct anonymous GET of the same object, for comparison. */
async function directGet(path: string) {
  const response = await world.call(path)
  return { status: response.status, code: await errorCode(response.clone()) }
}

describe('anonymous watermarks of objects the caller may not read', () => {
  it('OBS: another bucket named in image_ is refused as a GET of it would be (403), whether or not the key exists', async () => {
    for (const object of [`${PRIVATE}/secret.jpg`, `${PRIVATE}/no-such-key.jpg`]) {
      const response = await world.call(`/${PUBLIC}/pub.jpg?x-image-process=${obsMark(object)}`)
      expect(response.status, object).toBe(403)
      expect(await errorCode(response), object).toBe('AccessDenied')
      expect(await directGet(`/${object}`)).toEqual({ status: 403, code: 'AccessDenied' })
    }
  })

  it('OSS: a private object in the same (public) bucket is refused', async () => {
    const response = await world.call(`/${PUBLIC}/pub.jpg?x-oss-process=${ossMark('hidden.jpg')}`)
    expect(response.status).toBe(403)
    expect(await errorCode(response)).toBe('AccessDenied')
    expect(await directGet(`/${PUBLIC}/hidden.jpg`)).toEqual({ status: 403, code: 'AccessDenied' })
  })

  it('OSS saveas: refused and nothing is written', async () => {
    const body = `x-oss-process=${ossMark('hidden.jpg')}|sys/saveas,o_${b64url('stolen.jpg')},b_${b64url(OPEN)}`
    const response = await world.call(`/${PUBLIC}/pub.jpg?x-oss-process`, { method: 'POST', body })
    expect(response.status).toBe(403)
    expect(await errorCode(response)).toBe('AccessDenied')
    expect(await world.storage.head(OPEN, 'stolen.jpg')).toBeNull()
  })

  it('OBS persistence into a public-read-write bucket: refused and nothing is written', async () => {
    const query = `x-image-process=${obsMark(`${PRIVATE}/secret.jpg`)}&x-image-save-object=${b64url('stolen2.jpg')}&x-image-save-bucket=${b64url(OPEN)}`
    const response = await world.call(`/${PUBLIC}/pub.jpg?${query}`)
    expect(response.status).toBe(403)
    expect(await errorCode(response)).toBe('AccessDenied')
    expect(await world.storage.head(OPEN, 'stolen2.jpg')).toBeNull()
  })

  it('a missing bucket named in image_ answers as a GET of it would (404 NoSuchBucket)', async () => {
    const response = await world.call(`/${PUBLIC}/pub.jpg?x-image-process=${obsMark('no-such-bucket/x.jpg')}`)
    expect(response.status).toBe(404)
    expect(await errorCode(response)).toBe('NoSuchBucket')
  })
})

describe('watermarks the caller may read still work', () => {
  it('anonymous: a public-read object, in the same bucket (OSS) and in a private bucket (OBS, object ACL public-read)', async () => {
    const oss = await world.call(`/${PUBLIC}/pub.jpg?x-oss-process=${ossMark('logo.jpg')}`)
    expect(oss.status).toBe(200)
    expect(oss.headers.get('content-type')).toBe('image/jpeg')
    const obs = await world.call(`/${PUBLIC}/pub.jpg?x-image-process=${obsMark(`${PRIVATE}/shared.jpg`)}`)
    expect(obs.status).toBe(200)
  })

  it("the owner's own request reads private watermarks, saves, and persists", async () => {
    const oss = await world.call(`/${PUBLIC}/pub.jpg?x-oss-process=${ossMark('hidden.jpg')}`, { owner: true })
    expect(oss.status).toBe(200)
    const obs = await world.call(`/${PUBLIC}/pub.jpg?x-image-process=${obsMark(`${PRIVATE}/secret.jpg`)}&x-image-save-object=${b64url('marked.jpg')}&x-image-save-bucket=${b64url(PRIVATE)}`, { owner: true })
    expect(obs.status).toBe(200)
    expect(await world.storage.head(PRIVATE, 'marked.jpg')).not.toBeNull()
  })

  it('anonymous saveas into a public-read-write bucket works when every object read is public', async () => {
    const body = `x-oss-process=${ossMark('logo.jpg')}|sys/saveas,o_${b64url('fine.jpg')},b_${b64url(OPEN)}`
    const response = await world.call(`/${PUBLIC}/pub.jpg?x-oss-process`, { method: 'POST', body })
    expect(response.status).toBe(200)
    expect(await world.storage.head(OPEN, 'fine.jpg')).not.toBeNull()
  })
})

describe('styles and saveas targets are checked with the same rights', () => {
  it("an anonymous caller learns nothing about a private bucket's styles (403 before NoSuchStyle)", async () => {
    for (const style of ['thumb', 'no-such-style']) {
      const response = await world.call(`/${PRIVATE}/secret.jpg?x-oss-process=style/${style}`)
      expect(response.status, style).toBe(403)
      expect(await errorCode(response)).toBe('AccessDenied')
    }
  })

  it('a style of a bucket is usable on its public objects', async () => {
    const response = await world.call(`/${PRIVATE}/shared.jpg?x-oss-process=style/thumb`)
    expect(response.status).toBe(200)
  })

  it('saveas into a bucket the caller may not write is refused before any image work, nothing written', async () => {
    const body = `x-oss-process=image/resize,w_10|sys/saveas,o_${b64url('x.jpg')},b_${b64url(PUBLIC)}`
    const before = { ...world.engineCalls }
    const response = await world.call(`/${PUBLIC}/pub.jpg?x-oss-process`, { method: 'POST', body })
    expect(response.status).toBe(403)
    expect(await errorCode(response)).toBe('AccessDenied')
    expect(world.engineCalls).toEqual(before)
    expect(await world.storage.head(PUBLIC, 'x.jpg')).toBeNull()
  })
})
