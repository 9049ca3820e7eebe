import { describe, expect, it } from 'vitest'
import { ACTIONS } from '@imgproc/grammar'
import { actionRegistry } from './index.js'

describe('action registry', () => {
  it('has exactly one planner for every action the grammar knows', () => {
    const registry = actionRegistry()
    const names = (ACTIONS as readonly { name: string }[]).map((a) => a.name).sort()
    expect([...registry.keys()].sort()).toEqual(names)
  })
})
