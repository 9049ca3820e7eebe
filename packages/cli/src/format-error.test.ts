import { ImgError } from '@imgproc/types'
import { describe, expect, it } from 'vitest'
import { formatError } from './format-error.js'

describe('formatError', () => {
  it('prints the OSS code and message on one line', () => {
    expect(formatError(new ImgError('NoSuchKey', 'The file\nwas not found.'))).toBe('imgproc: NoSuchKey: The file was not found.')
  })
  it('adds the caret under the bad part of the process string', () => {
    const error = new ImgError('InvalidArgument', 'The value: 0 of parameter: w is invalid.', { source: 'image/resize,w_0', span: { start: 13, end: 16 } })
    expect(formatError(error).split('\n')).toEqual([
      'imgproc: InvalidArgument: The value: 0 of parameter: w is invalid.',
      '  image/resize,w_0',
      `  ${' '.repeat(13)}^^^`,
    ])
  })
  it('wraps foreign errors as InternalError with their text', () => {
    expect(formatError(new TypeError('boom'))).toBe('imgproc: InternalError: boom')
  })
})
