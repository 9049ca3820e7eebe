import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { aliOssCode, cliCommand, hashToState, objectUrl, stateToHash } from './share.js'

describe('share', () => {
  it('puts the state in the hash and reads it back (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.constantFrom('oss' as const, 'obs' as const), fc.constantFrom('demo' as const, 'own' as const), (process, dialect, image) => {
        expect(hashToState(stateToHash({ process, dialect, image }))).toEqual({ process, dialect, image })
      }),
    )
    expect(stateToHash({ process: 'image/rotate,90', dialect: 'oss' })).toBe('#process=image%2Frotate%2C90')
    expect(stateToHash({ process: 'image/rotate,90', dialect: 'obs', image: 'own' })).toBe('#process=image%2Frotate%2C90&dialect=obs&image=own')
    expect(hashToState('#process=image%2Frotate%2C90')).toEqual({ process: 'image/rotate,90', dialect: 'oss', image: 'demo' })
    expect(hashToState('')).toBeUndefined()
    expect(hashToState('#section-2')).toBeUndefined()
  })

  it('writes the string as an object URL, ali-oss code and a CLI command', () => {
    const state = { process: "image/watermark,text_aXQncw/format,webp", dialect: 'oss' as const }
    expect(objectUrl('http://127.0.0.1:8080', state)).toBe('http://127.0.0.1:8080/my-bucket/photo.jpg?x-oss-process=image%2Fwatermark%2Ctext_aXQncw%2Fformat%2Cwebp')
    expect(objectUrl('http://h', { ...state, dialect: 'obs' })).toMatch(/\?x-image-process=/)
    expect(aliOssCode(state)).toContain(`client.get("photo.jpg", { process: "image/watermark,text_aXQncw/format,webp" })`)
    expect(cliCommand(state)).toBe("imgproc process photo.jpg 'image/watermark,text_aXQncw/format,webp' -o out.jpg")
    expect(cliCommand({ process: "a'b", dialect: 'obs' })).toBe(`imgproc process photo.jpg 'a'\\''b' -o out.jpg --dialect obs`)
  })
})
