import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { getParam, joinProcess, setParam, splitProcess } from './process-model.js'

describe('process model', () => {
  it('splits an image chain into actions and raw tokens, and joins it back', () => {
    const text = 'image/resize,m_fill,w_300,h_200/rotate,90/watermark,text_aW1n_cHJvYw|sys/saveas,b2s'
    const model = splitProcess(text)
    expect(model.editable).toBe(true)
    expect(model.actions.map((a) => a.name)).toEqual(['resize', 'rotate', 'watermark'])
    expect(getParam(model.actions[0]!, 'w')).toBe('300')
    expect(getParam(model.actions[1]!, 'value')).toBe('90')
    expect(getParam(model.actions[2]!, 'text')).toBe('aW1n_cHJvYw')
    expect(model.suffix).toBe('|sys/saveas,b2s')
    expect(joinProcess(model)).toBe(text)
  })

  it('is not editable for a style or a non-image string', () => {
    expect(splitProcess('style/thumb').editable).toBe(false)
    expect(splitProcess('video/x').editable).toBe(false)
  })

  it('rewrites only the changed token, adds missing ones and removes emptied ones', () => {
    const resize = splitProcess('image/resize,m_fill,w_300,h_200').actions[0]!
    expect(setParam(resize, 'w', '120').tokens).toEqual(['m_fill', 'w_120', 'h_200'])
    expect(setParam(resize, 'limit', '0').tokens).toEqual(['m_fill', 'w_300', 'h_200', 'limit_0'])
    expect(setParam(resize, 'm', '').tokens).toEqual(['w_300', 'h_200'])
    expect(getParam(resize, 'limit')).toBeUndefined()
    const rotate = splitProcess('image/rotate').actions[0]!
    expect(setParam(rotate, 'value', '45').tokens).toEqual(['45'])
  })

  it('set then get gives the value back, and join/split is stable (property)', () => {
    const key = fc.stringMatching(/^[a-z]{1,6}$/)
    const value = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/)
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 6 }), key, value, (pairs, k, v) => {
        const action = { name: 'resize', tokens: pairs.map(([a, b]) => `${a}_${b}`) }
        const set = setParam(action, k, v)
        expect(getParam(set, k)).toBe(v)
        const text = joinProcess({ editable: true, actions: [set], suffix: '' })
        expect(joinProcess(splitProcess(text))).toBe(text)
      }),
    )
  })
})
