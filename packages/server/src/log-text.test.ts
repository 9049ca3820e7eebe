import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { logText } from './log-text.js'

describe('logText', () => {
  it('cannot forge log lines or send terminal escapes from a client string', () => {
    const text = logText(new Error('Invalid key: a\r\n[imgproc] forged line \u001b[31mred\u0000'))
    expect(text.split('\n')[0]).toBe('Error: Invalid key: a\\u000d\\u000a[imgproc] forged line \\u001b[31mred\\u0000')
  })

  it('keeps the stack lines of our own code, and any text short enough to read', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 6000 }), (raw) => {
        const text = logText(raw)
        expect(text).not.toMatch(/[\u0000-\u001f\u007f]/)
        expect(text.length).toBeLessThanOrEqual(4096 + 40)
      }),
    )
    expect(logText(new Error('x')).split('\n').length).toBeGreaterThan(1)
  })
})
