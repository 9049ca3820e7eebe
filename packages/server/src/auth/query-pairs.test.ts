import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseQueryPairs, queryValue } from './query-pairs.js'

describe('parseQueryPairs', () => {
  it('keeps wire and decoded forms, bare names and empty values apart', () => {
    expect(parseQueryPairs('?acl&style=&x-oss-process=image%2Fresize%2Cw_1&a+b=c+d&&')).toEqual([
      { raw: 'acl', rawName: 'acl', rawValue: '', hasEquals: false, name: 'acl', value: '' },
      { raw: 'style=', rawName: 'style', rawValue: '', hasEquals: true, name: 'style', value: '' },
      { raw: 'x-oss-process=image%2Fresize%2Cw_1', rawName: 'x-oss-process', rawValue: 'image%2Fresize%2Cw_1', hasEquals: true, name: 'x-oss-process', value: 'image/resize,w_1' },
      { raw: 'a+b=c+d', rawName: 'a+b', rawValue: 'c+d', hasEquals: true, name: 'a b', value: 'c d' },
    ])
    expect(parseQueryPairs('')).toEqual([])
    expect(queryValue(parseQueryPairs('a=1&a=2'), 'a')).toBe('1')
  })

  it('decodes exactly like URLSearchParams, so the verified value is the value the router reads (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '=', '&', '%', '+', '2', 'F', ' ', 'é', '/', 'z') }), (search) => {
        const ours = parseQueryPairs(search).map((pair) => [pair.name, pair.value])
        expect(ours).toEqual([...new URLSearchParams(search)])
      }),
    )
  })
})
