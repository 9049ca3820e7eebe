import { describe, expect, it } from 'vitest'
import { newRequestId } from './request-id.js'

describe('newRequestId', () => {
  it('gives 24 upper-case hex characters, distinct across pool refills', () => {
    const ids = Array.from({ length: 2000 }, () => newRequestId())
    for (const id of ids) expect(id).toMatch(/^[0-9A-F]{24}$/)
    expect(new Set(ids).size).toBe(ids.length)
  })
})
