import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { concatBytes } from './bytes.js'

describe('concatBytes', () => {
  it('is the chunks one after another, in a new array (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }), (chunks) => {
        const joined = concatBytes(chunks)
        expect(Array.from(joined)).toEqual(chunks.flatMap((chunk) => Array.from(chunk)))
        for (const chunk of chunks) expect(joined.buffer).not.toBe(chunk.buffer)
      }),
    )
  })
})
