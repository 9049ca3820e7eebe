import { encodeBase64Url, parse } from '@imgproc/grammar'
import { describe, expect, it } from 'vitest'
import { describeProcess } from './describe.js'

describe('describeProcess', () => {
  it('names each action in order with its written values and the defaults left out', () => {
    const text = describeProcess(parse(`image/resize,m_fill,w_200,h_150/rotate,90/watermark,text_${encodeBase64Url('Hi')}`))
    const lines = text.split('\n')
    expect(lines[0]).toMatch(/^1\. resize: /)
    expect(text).toContain('w = 200')
    expect(text).toContain('m = "fill"')
    expect(lines.find((l) => l.startsWith('2. rotate'))).toBeDefined()
    expect(text).toMatch(/^\s+90\s+degrees clockwise$/m)
    expect(text).toContain('text = "Hi"')
    expect(text).toMatch(/defaults: .*t=100/)
  })
  it('describes styles and saveas', () => {
    expect(describeProcess(parse('style/thumb'))).toMatch(/^Style thumb/)
    expect(describeProcess(parse(`image/rotate,90|sys/saveas,o_${encodeBase64Url('out.jpg')}`))).toContain('saved as out.jpg')
  })
})
