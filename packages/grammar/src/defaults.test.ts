import { describe, expect, it } from 'vitest'
import type { ResizeAction, WatermarkAction } from './ast.js'
import { paramDefaults, withDefaults } from './defaults.js'
import { parse } from './parse.js'

describe('defaults', () => {
  it('lists the documented defaults per dialect', () => {
    expect(paramDefaults('resize')).toEqual({ m: 'lfit', limit: 1, color: 'FFFFFF' })
    expect(paramDefaults('watermark', 'oss')).toMatchObject({ g: 'se', t: 100, x: 10, y: 10, size: 40, color: '000000', type: 'wqy-zenhei' })
    expect(paramDefaults('watermark', 'obs').g).toBe('nw') // OBS default tl, in the AST's OSS spelling
    expect(paramDefaults('rotate')).toEqual({})
    expect(paramDefaults('rounded-corners', 'oss')).toEqual({})
  })

  it('fills only what the string left out, and never touches the parsed node', () => {
    const ast = parse('image/resize,w_100,m_pad/watermark,text_SGk,g_nw')
    const [resize, watermark] = (ast.chain as unknown as { actions: [ResizeAction, WatermarkAction] }).actions
    expect(withDefaults(resize).params).toEqual({ m: 'pad', w: 100, limit: 1, color: 'FFFFFF' })
    expect(resize.params).toEqual({ w: 100, m: 'pad' })
    expect(withDefaults(watermark).params.g).toBe('nw')
    expect(withDefaults(watermark).spans).toBe(watermark.spans)
  })
})
