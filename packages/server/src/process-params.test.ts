import { describe, expect, it } from 'vitest'
import { assertStyleName, obsSaveTarget, processFromPostBody } from './process-params.js'

const b64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)))
const b64url = (text: string) => b64(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

describe('processFromPostBody', () => {
  it('decodes the ali-oss form body and takes the oss2 raw body as is', () => {
    expect(processFromPostBody('x-oss-process=image%2Fresize%2Cw_50%7Csys%2Fsaveas%2Co_b3V0%3D')).toBe('image/resize,w_50|sys/saveas,o_b3V0=')
    expect(processFromPostBody('x-oss-process=image/resize,w_50|sys/saveas,o_a+b=')).toBe('image/resize,w_50|sys/saveas,o_a+b=')
  })
})

describe('obsSaveTarget', () => {
  it('decodes object and bucket', () => {
    const query = new URLSearchParams({ 'x-image-save-object': b64url('out/x.jpg'), 'x-image-save-bucket': b64('bkt') })
    expect(obsSaveTarget(query)).toEqual({ key: 'out/x.jpg', bucket: 'bkt' })
    expect(obsSaveTarget(new URLSearchParams())).toBeUndefined()
  })
  it('refuses forbidden characters and lengths', () => {
    for (const name of ['a:b', 'a|b', 'x'.repeat(1024)]) {
      expect(() => obsSaveTarget(new URLSearchParams({ 'x-image-save-object': b64(name) }))).toThrow(expect.objectContaining({ code: 'InvalidArgument' }))
    }
    const longBucket = new URLSearchParams({ 'x-image-save-object': b64('k'), 'x-image-save-bucket': b64('b'.repeat(65)) })
    expect(() => obsSaveTarget(longBucket)).toThrow(expect.objectContaining({ code: 'InvalidArgument' }))
  })
})

describe('assertStyleName', () => {
  it('accepts OSS names and refuses the rest with InvalidArgument', () => {
    expect(assertStyleName('small_v1.2-x')).toBe('small_v1.2-x')
    for (const bad of [null, '', 'Images!tyle', 'a/b', 'x'.repeat(64)]) {
      expect(() => assertStyleName(bad)).toThrow(expect.objectContaining({ code: 'InvalidArgument' }))
    }
  })
})
