import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { assertBucketName, assertObjectKey, assertStyleName } from './names.js'

const codeOf = (fn: () => void): string | undefined => {
  try {
    fn()
    return undefined
  } catch (error) {
    return (error as { code?: string }).code
  }
}

describe('names', () => {
  it('bucket names: 3-63 of [a-z0-9-], no hyphen at either end', () => {
    for (const ok of ['abc', 'a-b', '0-9', 'x'.repeat(63)]) expect(codeOf(() => assertBucketName(ok)), ok).toBeUndefined()
    for (const bad of ['ab', 'ABC', '-ab', 'ab-', 'a_b', 'a.b', 'x'.repeat(64), '', 'a b']) {
      expect(codeOf(() => assertBucketName(bad)), bad).toBe('InvalidBucketName')
    }
  })

  it('object keys: any well-formed string of 1-1023 UTF-8 bytes not starting with / or \\ is accepted', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }), (key) => {
        const bytes = new TextEncoder().encode(key).length
        const expectedOk = bytes <= 1023 && !/^[/\\]/.test(key) && !key.includes('\0') && key !== '.' && key !== '..' && !key.startsWith('.imgproc/')
        expect(codeOf(() => assertObjectKey(key)) === undefined).toBe(expectedOk)
      }),
    )
    expect(codeOf(() => assertObjectKey('a\ud800'))).toBe('InvalidObjectName')
    expect(codeOf(() => assertObjectKey('\udc00'))).toBe('InvalidObjectName')
    expect(codeOf(() => assertObjectKey('\ud83d\ude00'))).toBeUndefined()
  })

  it('style names: 1-63 of [A-Za-z0-9_.-], InvalidArgument with OSS wording', () => {
    expect(codeOf(() => assertStyleName('Thumb_1.x-y'))).toBeUndefined()
    expect(() => assertStyleName('a b')).toThrow('The value: a b of parameter: stylename is invalid.')
    expect(codeOf(() => assertStyleName('x'.repeat(64)))).toBe('InvalidArgument')
  })
})
