// Issue 12: a query value that contains `=` (base64 padding in x-image-save-object/-bucket, a
// watermark's text_) must be signed whole by every scheme. Each request here is signed by the
// official client's own code; the same request with any other value must then fail, however
// that value is spelt on the wire (`%3D` as the clients send it, or a raw `=`).
import fc from 'fast-check'
import { isImgError } from '@imgproc/types'
import { describe, expect, it } from 'vitest'
import { createAuthenticator } from './authenticator.js'
import {
  aliOssHeaderRequest,
  aliOssSignedUrl,
  esdkSigner,
  rawEquals,
  replayedWith,
  routedTarget,
  toRequest,
  wireSpellings,
  type ObsDialect,
  type QueryParams,
  type SignedRequest,
} from './node-real-signers.fixture.js'
import { credentials } from './test-helpers.js'

const BUCKET = 'bkt'
const KEY = 'dir/a b.jpg'
const authenticate = createAuthenticator({ credentials })

/** Each name with the padded value that is signed and a padded value to swap in. */
const PADDED: ReadonlyArray<readonly [string, string, string]> = [
  ['x-image-process', 'image/watermark,text_YQ==', 'image/watermark,text_Yg=='],
  ['x-image-save-object', btoa('a.jpg'), btoa('evil.png')], // YS5qcGc= / ZXZpbC5wbmc=
  ['x-image-save-bucket', btoa('sec-pub'), btoa('sec-priv')], // c2VjLXB1Yg== / c2VjLXByaXY=
]
const signedQuery: QueryParams = Object.fromEntries(PADDED.map(([name, value]) => [name, value]))
const signedNames = new Set(PADDED.map(([name]) => name))

function verify(request: SignedRequest | string) {
  const req = toRequest(request)
  return authenticate(req, routedTarget(new URL(req.url), BUCKET))
}

/** 'verified', or the code of the ImgError the authenticator threw. */
function outcome(request: SignedRequest | string): Promise<string> {
  return verify(request).then(
    () => 'verified',
    (error: unknown) => (isImgError(error) ? error.code : String(error)),
  )
}

/** Every padded parameter swapped for another padded value, in both spellings: all refused. */
async function expectReplaysRefused(request: SignedRequest | string, names = PADDED) {
  for (const [name, , other] of names) {
    for (const wire of wireSpellings(other)) expect(await outcome(replayedWith(request, name, wire)), `${name}=${wire}`).toBe('SignatureDoesNotMatch')
  }
}

describe('esdk-obs-nodejs: padded values are inside OBS and AWS V2 signatures', () => {
  for (const dialect of ['obs', 'aws'] as const) {
    it(`${dialect} header (Utils.doAuth)`, async () => {
      const request = (await esdkSigner(dialect)).header(BUCKET, KEY, signedQuery)
      expect(await verify(request)).toMatchObject({ scheme: `${dialect}-v2-header`, signedParams: signedNames })
      // the same value spelt with a raw `=` is the same request
      expect(await outcome(replayedWith(request, 'x-image-save-object', btoa('a.jpg')))).toBe('verified')
      await expectReplaysRefused(request)
    })

    it(`${dialect} URL (createSignedUrlSync)`, async () => {
      const url = (await esdkSigner(dialect)).url(BUCKET, KEY, signedQuery)
      expect(await verify(url)).toMatchObject({ scheme: `${dialect}-v2-query`, signedParams: signedNames })
      await expectReplaysRefused(url)
    })
  }

  it('refuses a header signature that covers only the name (esdk splits a raw `=` value away)', async () => {
    // This is what the old verifier accepted, and then accepted with ANY other padded value.
    for (const dialect of ['obs', 'aws'] as const) {
      const signer = await esdkSigner(dialect)
      const bare = signer.header(BUCKET, KEY, signedQuery, { spell: (value) => rawEquals(signer.encode(value)) })
      expect(await outcome(bare), dialect).toBe('SignatureDoesNotMatch')
    }
  })
})

describe('ali-oss: padded values are inside OSS V1 and V4 signatures', () => {
  const ossPadded = PADDED.map(([name, value, other]) => (name === 'x-image-process' ? (['x-oss-process', value, other] as const) : [name, value, other] as const))
  const ossQuery: QueryParams = Object.fromEntries(ossPadded.map(([name, value]) => [name, value]))

  for (const v4 of [false, true]) {
    const version = v4 ? 'v4' : 'v1'
    it(`${version} header (createRequest) and signed URL`, async () => {
      const request = aliOssHeaderRequest(BUCKET, KEY, { v4, subres: ossQuery })
      expect(await verify(request)).toMatchObject({ scheme: `oss-${version}-header` })
      await expectReplaysRefused(request, ossPadded)
      const url = await aliOssSignedUrl(BUCKET, KEY, ossQuery, v4)
      expect(await verify(url)).toMatchObject({ scheme: `oss-${version}-query` })
      await expectReplaysRefused(url, ossPadded)
    })
  }

  it('V4: an empty subres signed bare next to an empty query signed as `k=` verifies (one request, both forms)', async () => {
    for (const v4 of [false, true]) {
      const request = aliOssHeaderRequest(BUCKET, '', { v4, subres: { versions: '' }, query: { prefix: '', 'max-keys': '5' } })
      expect(await outcome(request), `v4 ${v4}`).toBe('verified')
    }
  })
})

describe('property: a sub-resource value verifies exactly as signed', () => {
  const valueText = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '=', '+', '/', '%', ' ', '&', '#', '?', ',', '~', '*', 'é', '中', '😀'), maxLength: 20 })
  type Scheme = 'header' | 'url'
  const signers = { obs: esdkSigner('obs'), aws: esdkSigner('aws') }

  async function sign(family: ObsDialect | 'oss-v1' | 'oss-v4', form: Scheme, name: string, value: string): Promise<SignedRequest | string> {
    if (family === 'oss-v1' || family === 'oss-v4') {
      const v4 = family === 'oss-v4'
      return form === 'header' ? aliOssHeaderRequest(BUCKET, KEY, { v4, subres: { [name]: value } }) : aliOssSignedUrl(BUCKET, KEY, { [name]: value }, v4)
    }
    const signer = await signers[family]
    return form === 'header' ? signer.header(BUCKET, KEY, { [name]: value }) : signer.url(BUCKET, KEY, { [name]: value })
  }

  it('for OBS/AWS V2 and OSS V1/V4, header and URL, signed by the real clients', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('obs', 'aws', 'oss-v1', 'oss-v4'),
        fc.constantFrom<Scheme>('header', 'url'),
        fc.constantFrom('x-image-process', 'x-image-save-object', 'x-image-save-bucket'),
        valueText,
        valueText,
        async (family, form, name, value, other) => {
          fc.pre(value !== other)
          const request = await sign(family, form, name, value)
          expect(await outcome(request)).toBe('verified')
          for (const wire of wireSpellings(value)) expect(await outcome(replayedWith(request, name, wire))).toBe('verified')
          for (const wire of wireSpellings(other)) expect(await outcome(replayedWith(request, name, wire))).toBe('SignatureDoesNotMatch')
        },
      ),
      { numRuns: 200 },
    )
  })
})
