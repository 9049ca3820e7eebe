import { describe, expect, it } from 'vitest'
import { ERROR_CODES, ImgError, invalidArgument, toImgError } from './errors.js'

describe('ImgError', () => {
  it('takes its status from the one table', () => {
    for (const code of Object.keys(ERROR_CODES) as (keyof typeof ERROR_CODES)[]) {
      const error = new ImgError(code)
      expect(error.status).toBe(ERROR_CODES[code].status)
      expect(error.message).toBe(ERROR_CODES[code].message)
    }
  })

  it('writes the OSS invalid-value message and draws a caret under the span', () => {
    const source = 'image/resize,w_0'
    const error = invalidArgument('w', '0', { span: { start: 13, end: 16 }, source })
    expect(error.code).toBe('InvalidArgument')
    expect(error.status).toBe(400)
    expect(error.message).toBe('The value: 0 of parameter: w is invalid.')
    expect(error.fragment()).toBe('image/resize,w_0\n             ^^^')
    expect(error.toLine()).toBe('InvalidArgument: The value: 0 of parameter: w is invalid.')
  })

  it('wraps foreign errors without exposing their message, and passes ImgErrors through', () => {
    const wrapped = toImgError(new Error('secret internals'))
    expect(wrapped.code).toBe('InternalError')
    expect(wrapped.message).not.toContain('secret')
    expect(wrapped.cause).toBeInstanceOf(Error)
    const own = new ImgError('NoSuchKey')
    expect(toImgError(own)).toBe(own)
  })
})
