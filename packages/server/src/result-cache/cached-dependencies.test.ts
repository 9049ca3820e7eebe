// Results that drew watermark objects depend on them: on every hit each one is checked again with
// the CALLER's rights and for its version, so the cache never shows anyone a watermark they could
// not GET, and never serves a watermark that has changed since.
import { describe, expect, it } from 'vitest'
import { makeDemoImage } from '../demo.js'
import { b64url, errorCode, makeWorld, PRIVATE, PUBLIC, type World } from '../security/fixtures.js'

const ossMarked = (key: string) => `/${PUBLIC}/pub.jpg?x-oss-process=image/watermark,image_${b64url(key)}`
const obsMarked = (object: string) => `/${PUBLIC}/pub.jpg?x-image-process=image/watermark,image_${b64url(object)},g_tl,x_0,y_0`

/** What the same request gets from a server without a cache (the answer a hit must equal). */
async function uncached(world: World, path: string, init: { owner?: boolean } = {}) {
  const plain = await makeWorld({ resultCache: false, storage: world.storage })
  const response = await plain.call(path, init)
  return { status: response.status, code: response.status >= 400 ? await errorCode(response) : undefined }
}

describe('watermark dependencies', () => {
  it('a hit needs each watermark unchanged: an overwritten one makes a new result', async () => {
    const world = await makeWorld()
    const path = ossMarked('logo.jpg')
    const first = new Uint8Array(await (await world.call(path)).arrayBuffer())
    expect(new Uint8Array(await (await world.call(path)).arrayBuffer())).toEqual(first)
    expect(world.engineCalls.process).toBe(1)
    await world.storage.put(PUBLIC, 'logo.jpg', await makeDemoImage({ width: 12, height: 20 }), { contentType: 'image/jpeg' })
    const changed = await world.call(path)
    expect(changed.status).toBe(200)
    expect(world.engineCalls.process).toBe(2)
    expect(new Uint8Array(await changed.arrayBuffer())).not.toEqual(first)
    // the new result is cached in turn
    await world.call(path)
    expect(world.engineCalls.process).toBe(2)
  })

  it('a watermark made private after caching: anonymous callers get 403 as uncached, the owner still a hit', async () => {
    const world = await makeWorld()
    const path = ossMarked('logo.jpg')
    expect((await world.call(path)).status).toBe(200)
    await world.storage.setObjectAcl(PUBLIC, 'logo.jpg', 'private')
    const anonymous = await world.call(path)
    expect(anonymous.status).toBe(403)
    expect(await errorCode(anonymous)).toBe('AccessDenied')
    expect(await uncached(world, path)).toEqual({ status: 403, code: 'AccessDenied' })
    expect((await world.call(path, { owner: true })).status).toBe(200)
    // the refused anonymous job stopped while the engine planned (its watermark read), before any decode
    expect(world.engineCalls.reserve).toBe(1)
  })

  it("OSS: the owner's result with a private watermark is 403 for anonymous callers of the public source", async () => {
    const world = await makeWorld()
    const path = ossMarked('hidden.jpg')
    expect((await world.call(path, { owner: true })).status).toBe(200)
    const anonymous = await world.call(path)
    expect(anonymous.status).toBe(403)
    expect(await errorCode(anonymous)).toBe('AccessDenied')
    expect((await world.call(path, { owner: true })).status).toBe(200)
    // the refused anonymous job stopped while the engine planned (its watermark read), before any decode
    expect(world.engineCalls.reserve).toBe(1)
  })

  it('OBS: a watermark from another bucket is checked against that bucket, for this caller', async () => {
    const world = await makeWorld()
    const path = obsMarked(`${PRIVATE}/secret.jpg`)
    expect((await world.call(path, { owner: true })).status).toBe(200)
    const anonymous = await world.call(path)
    expect(anonymous.status).toBe(403)
    expect(await errorCode(anonymous)).toBe('AccessDenied')
    expect(await uncached(world, path)).toEqual({ status: 403, code: 'AccessDenied' })
    // once the other bucket is public, the cached result is served to anyone
    await world.storage.setBucketAcl(PRIVATE, 'public-read')
    expect((await world.call(path)).status).toBe(200)
    // the refused anonymous job stopped while the engine planned (its watermark read), before any decode
    expect(world.engineCalls.reserve).toBe(1)
  })

  it('a deleted watermark: the answer an uncached request gets', async () => {
    const world = await makeWorld()
    const path = ossMarked('logo.jpg')
    expect((await world.call(path)).status).toBe(200)
    await world.storage.delete(PUBLIC, 'logo.jpg')
    const response = await world.call(path)
    const expected = await uncached(world, path)
    expect(expected.status).toBeGreaterThanOrEqual(400)
    expect({ status: response.status, code: await errorCode(response) }).toEqual(expected)
  })
})
