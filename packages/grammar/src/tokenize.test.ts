import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scanActions } from './tokenize.js'

const texts = (source: string) =>
  scanActions(source, 0, source.length).map((a) => ({
    name: source.slice(a.start, a.nameEnd),
    tokens: a.tokens.map((t) => [source.slice(t.start, t.end), t.sep < 0 ? null : source.slice(t.start, t.sep)]),
  }))

describe('scanActions', () => {
  it('splits actions at / and tokens at , and finds the first _ of each token', () => {
    expect(texts('resize,w_100,h_200/rotate,90/watermark,text_a_b')).toEqual([
      { name: 'resize', tokens: [['w_100', 'w'], ['h_200', 'h']] },
      { name: 'rotate', tokens: [['90', null]] },
      { name: 'watermark', tokens: [['text_a_b', 'text']] },
    ])
  })

  it('drops empty tokens and empty segments, but keeps a nameless segment (so it can be reported)', () => {
    expect(texts('resize,,w_1,')).toEqual([{ name: 'resize', tokens: [['w_1', 'w']] }])
    expect(texts('a//b').map((a) => a.name)).toEqual(['a', 'b'])
    expect(texts('/a/b/')).toEqual(texts('a/b'))
    expect(texts('')).toEqual([])
    expect(texts('//')).toEqual([])
    expect(texts('a/,w_1')).toEqual([{ name: 'a', tokens: [] }, { name: '', tokens: [['w_1', 'w']] }])
  })

  it('gives the segments after empty ones their own positions', () => {
    const [a, b] = scanActions('//a,w_1///b/', 0, 12)
    expect(a).toEqual({ start: 2, nameEnd: 3, end: 7, tokens: [{ start: 4, end: 7, sep: 5 }] })
    expect(b).toEqual({ start: 10, nameEnd: 11, end: 11, tokens: [] })
  })

  it('scans only the requested range', () => {
    const source = 'image/resize,w_1|sys/saveas,o_x'
    const [action, ...rest] = scanActions(source, 6, source.indexOf('|'))
    expect(rest).toEqual([])
    expect(action).toEqual({ start: 6, nameEnd: 12, end: 16, tokens: [{ start: 13, end: 16, sep: 14 }] })
  })

  it('covers the input exactly: segments and tokens lie inside it, in order, separated by / and ,', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '_', ',', '/', '1') }), (source) => {
        const actions = scanActions(source, 0, source.length)
        const segments = source.split('/')
        expect(actions.length).toBe(segments.filter((s) => s !== '').length)
        let at = 0
        for (const a of actions) {
          while (source[at] === '/') at++ // an empty segment
          expect(a.start).toBe(at)
          expect(a.end).toBeGreaterThan(a.start)
          for (const t of a.tokens) {
            expect(source.slice(t.start, t.end)).not.toMatch(/[,/]/)
            if (t.sep >= 0) expect(source.slice(t.start, t.sep)).not.toContain('_')
          }
          at = a.end + 1
        }
      }),
    )
  })
})
