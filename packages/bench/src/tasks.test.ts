import { describe, expect, it } from 'vitest'
import { ALL_CODECS, parseList, selectTasks, TASK_GROUPS } from './tasks.js'

describe('selectTasks', () => {
  it('builds the standard set with unique ids', () => {
    const tasks = selectTasks({ groups: TASK_GROUPS, codecs: ALL_CODECS })
    const ids = tasks.map((t) => t.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual([
      'decode',
      'encode:jpeg@50', 'encode:jpeg@75', 'encode:jpeg@90',
      'encode:webp@50', 'encode:webp@75', 'encode:webp@90',
      'encode:avif@50', 'encode:avif@75', 'encode:avif@90',
      'encode:png',
      'thumbnail-jpeg-720', 'thumbnail-png-320', 'convert-webp', 'convert-avif',
    ])
  })

  it('keeps only the codecs asked for', () => {
    const ids = selectTasks({ groups: ['encode', 'avif'], codecs: ['webp'], qualities: [80] }).map((t) => t.id)
    expect(ids).toEqual(['encode:webp@80'])
  })
})

describe('parseList', () => {
  it('accepts known names and refuses others with a clear message', () => {
    expect(parseList('jpeg, webp', ALL_CODECS, 'codecs')).toEqual(['jpeg', 'webp'])
    expect(() => parseList('jpeg,gif', ALL_CODECS, 'codecs')).toThrow("Expected codecs from jpeg, webp, avif, png but received 'gif'")
  })
})
