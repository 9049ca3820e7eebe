import { describe, expect, it } from 'vitest'
import { locate } from './binaries.js'

describe('locate', () => {
  it('answers a path or a reason for every runtime, never throws', () => {
    for (const name of ['deno', 'bun', 'workerd', 'chromium'] as const) {
      const where = locate(name)
      expect(Boolean(where.path) !== Boolean(where.missing), name).toBe(true)
      if (where.path) expect(where.path).not.toMatch(/node_modules\/\.bin\//)
    }
  })
})
