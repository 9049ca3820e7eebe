// Issue 12, signatures: a value containing `=` (base64 padding of x-image-save-object/-bucket,
// a watermark's text_) was left out of the OBS/AWS V2 header string to sign, so a captured
// request could be replayed for 15 minutes with another save target. Here the real handler,
// the real authenticator and the real engine answer requests signed by the official clients'
// own code: the signed request runs and persists; the same request with any other value is
// 403 SignatureDoesNotMatch and writes nothing.
import { beforeAll, describe, expect, it } from 'vitest'
import { createAuthenticator, createMemoryCredentialStore } from '../auth/index.js'
import {
  aliOssHeaderRequest,
  aliOssSignedUrl,
  esdkSigner,
  rawEquals,
  replayedWith,
  toRequest,
  wireSpellings,
  type EsdkSigner,
  type SignedRequest,
} from '../auth/node-real-signers.fixture.js'
import { errorCode, makeWorld, PRIVATE, PUBLIC, type World } from './fixtures.js'

let world: World
beforeAll(async () => {
  world = await makeWorld({ auth: createAuthenticator({ credentials: createMemoryCredentialStore({ ak: 'sk' }) }) })
})

const SOURCE = 'secret.jpg'
/** Object names whose base64 ends in `==` or `=`; bucket names likewise (sec-priv, sec-pub). */
const SAVED = ['out.png', 'out2.png', 'out3.png', 'out4.png', 'out5.png', 'out6.png', 'out7.png', 'out8.png']
const EVIL_OBJECT = btoa('evil.png') // ZXZpbC5wbmc=
/** Image watermarks (no fonts needed) whose base64 names end in `==`: the source itself. */
const PROCESS = {
  'x-image-process': `image/watermark,image_${btoa(`${PRIVATE}/${SOURCE}`)},g_tl,x_0,y_0`, // …LmpwZw==
  'x-oss-process': `image/watermark,image_${btoa(SOURCE)}`, // c2VjcmV0LmpwZw==
}
const EVIL_PROCESS = `image/watermark,image_${btoa(`${PUBLIC}/logo.jpg`)}` // c2VjLXB1Yi9sb2dvLmpwZw==

/** The signed parameters of one persistence request, the process name per dialect. */
function persistence(processName: keyof typeof PROCESS, saved: string) {
  return { [processName]: PROCESS[processName], 'x-image-save-object': btoa(saved), 'x-image-save-bucket': btoa(PRIVATE) }
}

const send = (request: SignedRequest | string): Promise<Response> => world.handler(toRequest(request))

/**
 * The signed request persists `saved`; every replay with another object, bucket or process
 * (spelt `%3D` or with a raw `=`) is refused and writes nothing anywhere.
 */
async function expectOnlySignedValuesWork(request: SignedRequest | string, processName: string, saved: string) {
  const replays: Array<[string, string]> = [
    ['x-image-save-object', EVIL_OBJECT],
    ['x-image-save-bucket', btoa(PUBLIC)], // c2VjLXB1Yg==
    [processName, EVIL_PROCESS],
  ]
  for (const [name, value] of replays) {
    for (const wire of wireSpellings(value)) {
      const response = await send(replayedWith(request, name, wire))
      expect(response.status, `${name}=${wire}`).toBe(403)
      expect(await errorCode(response), `${name}=${wire}`).toBe('SignatureDoesNotMatch')
    }
  }
  expect(await world.storage.head(PRIVATE, 'evil.png')).toBeNull()
  expect(await world.storage.head(PUBLIC, saved)).toBeNull()
  expect(await world.storage.head(PRIVATE, saved)).toBeNull()
  const signed = await send(request)
  expect(signed.status, await signed.clone().text()).toBe(200)
  expect(await world.storage.head(PRIVATE, saved)).not.toBeNull()
}

describe('esdk-obs-nodejs requests replayed with other persistence values', () => {
  const signers: Record<'obs' | 'aws', Promise<EsdkSigner>> = { obs: esdkSigner('obs'), aws: esdkSigner('aws') }

  it('OBS and AWS V2 header signatures (virtual host and path style)', async () => {
    const obs = (await signers.obs).header(PRIVATE, SOURCE, persistence('x-image-process', SAVED[0]))
    await expectOnlySignedValuesWork(obs, 'x-image-process', SAVED[0])
    const aws = (await signers.aws).header(PRIVATE, SOURCE, persistence('x-image-process', SAVED[1]))
    await expectOnlySignedValuesWork(aws, 'x-image-process', SAVED[1])
  })

  it('OBS and AWS V2 signed URLs', async () => {
    await expectOnlySignedValuesWork((await signers.obs).url(PRIVATE, SOURCE, persistence('x-image-process', SAVED[2])), 'x-image-process', SAVED[2])
    await expectOnlySignedValuesWork((await signers.aws).url(PRIVATE, SOURCE, persistence('x-image-process', SAVED[3])), 'x-image-process', SAVED[3])
  })

  it('a header signature over the bare names (values sent with a raw `=`) is refused and writes nothing', async () => {
    // esdk's own split drops a value with a raw `=`; the old verifier did the same, so this
    // request ran, and so did the same request with any other padded target.
    for (const dialect of ['obs', 'aws'] as const) {
      const signer = await signers[dialect]
      const query = persistence('x-image-process', 'bare.png')
      const bare = signer.header(PRIVATE, SOURCE, query, { spell: (value) => rawEquals(signer.encode(value)) })
      for (const request of [bare, replayedWith(bare, 'x-image-save-object', EVIL_OBJECT)]) {
        const response = await send(request)
        expect(response.status, dialect).toBe(403)
        expect(await errorCode(response), dialect).toBe('SignatureDoesNotMatch')
      }
    }
    expect(await world.storage.head(PRIVATE, 'bare.png')).toBeNull()
    expect(await world.storage.head(PRIVATE, 'evil.png')).toBeNull()
  })
})

describe('ali-oss requests replayed with other persistence values', () => {
  it('OSS V1 and V4 header signatures', async () => {
    const v1 = aliOssHeaderRequest(PRIVATE, SOURCE, { subres: persistence('x-oss-process', SAVED[4]) })
    await expectOnlySignedValuesWork(v1, 'x-oss-process', SAVED[4])
    const v4 = aliOssHeaderRequest(PRIVATE, SOURCE, { v4: true, subres: persistence('x-oss-process', SAVED[5]) })
    await expectOnlySignedValuesWork(v4, 'x-oss-process', SAVED[5])
  })

  it('OSS V1 and V4 signed URLs', async () => {
    await expectOnlySignedValuesWork(await aliOssSignedUrl(PRIVATE, SOURCE, persistence('x-oss-process', SAVED[6])), 'x-oss-process', SAVED[6])
    await expectOnlySignedValuesWork(await aliOssSignedUrl(PRIVATE, SOURCE, persistence('x-oss-process', SAVED[7]), true), 'x-oss-process', SAVED[7])
  })
})
