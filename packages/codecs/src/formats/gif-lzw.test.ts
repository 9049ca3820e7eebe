/**
 * A damaged GIF whose LZW code table forms a cycle: omggif 1.0.10 looped forever on it (found by
 * the conformance bit-flip property, which then hung the test run). patches/omggif@1.0.10.patch
 * bounds the chase; the decode must end with a typed error.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { ImgError } from '@imgproc/types'
import { decode, encode } from '../index.js'
import { initNode } from '../node.js'
import { gradient } from '../testing.js'

/** byte offset -> XOR mask, applied to our encoder's GIF of gradient(24, 16, alpha) */
const FLIPS: ReadonlyArray<readonly [number, number]> = [[590, 50], [676, 149], [678, 4], [699, 23], [804, 31], [861, 45], [987, 56]]

beforeAll(() => initNode())

describe('GIF with a looping LZW code table', () => {
  it('is refused as BadRequest instead of hanging', async () => {
    const bytes = await encode(gradient(24, 16, true), 'gif')
    expect(bytes.length).toBe(1152) // the flips were found on this exact output; re-find them if the encoder changes
    for (const [at, mask] of FLIPS) bytes[at]! ^= mask
    const error = await decode(bytes).then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(ImgError)
    expect(error).toMatchObject({ code: 'BadRequest', message: expect.stringMatching(/code table loops/) })
  })
})
