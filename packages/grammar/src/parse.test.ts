import { ImgError } from '@imgproc/types'
import { describe, expect, it } from 'vitest'
import type { Action, ResizeAction, RotateAction, WatermarkAction } from './ast.js'
import { encodeBase64Url } from './base64.js'
import { parse } from './parse.js'

function failure(run: () => unknown): ImgError {
  try {
    run()
  } catch (error) {
    if (error instanceof ImgError) return error
    throw error
  }
  throw new Error('expected an ImgError')
}

describe('parse: spans', () => {
  it('gives the action and every parameter its span into the source', () => {
    const source = 'image/resize,m_fill,w_300/rotate,90'
    const ast = parse(source)
    expect(ast.source).toBe(source)
    expect(ast.dialect).toBe('oss')
    if (ast.chain.kind !== 'image') throw new Error('image chain expected')
    const [resize, rotate] = ast.chain.actions
    expect(source.slice(resize!.span.start, resize!.span.end)).toBe('resize,m_fill,w_300')
    const spans = (resize as ResizeAction).spans
    expect(source.slice(spans.m!.start, spans.m!.end)).toBe('m_fill')
    expect(source.slice(spans.w!.start, spans.w!.end)).toBe('w_300')
    const value = (rotate as RotateAction).spans.value!
    expect(source.slice(value.start, value.end)).toBe('90')
    expect(ast.chain.span).toEqual({ start: 0, end: source.length })
  })

  it('keeps the nested watermark process with spans into its own decoded source', () => {
    const nested = 'logo.png?x-oss-process=image/resize,P_30'
    const ast = parse(`image/watermark,image_${encodeBase64Url(nested)}`)
    const wm = (ast.chain as { actions: WatermarkAction[] }).actions[0]!
    const inner = wm.params.image!.process!
    expect(inner.source).toBe('image/resize,P_30')
    expect(inner.chain.span).toEqual({ start: 0, end: 17 })
    expect(wm.params.image!.object).toBe('logo.png')
  })

  it('re-anchors an error inside the nested process on the image_ token, keeping the inner error as cause', () => {
    const token = `image_${encodeBase64Url('logo.png?x-oss-process=image/resize,P_101')}`
    const source = `image/watermark,${token},g_nw`
    const error = failure(() => parse(source))
    expect(error.code).toBe('InvalidArgument')
    expect(error.message).toBe('The value: 101 of parameter: P is invalid.')
    expect(error.detail).toMatchObject({ argument: 'P', value: '101', source, span: { start: 16, end: 16 + token.length } })
    expect((error.cause as ImgError).detail.source).toBe('image/resize,P_101')
  })

  it('in OSS an object key may contain / (no bucket part)', () => {
    const ast = parse(`image/watermark,image_${encodeBase64Url('dir/logo.png')}`)
    expect((ast.chain as { actions: WatermarkAction[] }).actions[0]!.params.image).toEqual({ object: 'dir/logo.png' })
  })
})

describe('parse: errors carry code, status, argument, value and a caret', () => {
  it('renders the caret under the bad parameter', () => {
    const error = failure(() => parse('image/resize,w_0'))
    expect(error.status).toBe(400)
    expect(error.detail.argument).toBe('w')
    expect(error.detail.value).toBe('0')
    expect(error.fragment()).toBe('image/resize,w_0\n             ^^^')
  })

  it('rejects non-string input and unknown dialects with a typed error', () => {
    expect(failure(() => parse(42 as unknown as string)).code).toBe('BadRequest')
    expect(failure(() => parse('image/info', { dialect: 'xyz' as 'oss' })).code).toBe('InvalidArgument')
  })
})

describe('parse: limits', () => {
  const chainOf = (n: number) => `image/${Array.from({ length: n }, () => 'rotate,90').join('/')}`

  it('OBS: at most 512 characters (spec §9.1)', () => {
    expect(() => parse(`image/resize,w_1,x_${'1'.repeat(512 - 19)}`, { dialect: 'obs' })).not.toThrow()
    const error = failure(() => parse(`image/resize,w_1,x_${'1'.repeat(513 - 19)}`, { dialect: 'obs' }))
    expect(error.code).toBe('InvalidArgument')
    expect(error.message).toBe('The value of parameter: x-image-process exceeds the length limit of 512 characters.')
    expect(error.detail.span).toEqual({ start: 512, end: 513 })
  })

  it('OBS: at most 20 commands (spec §9.1)', () => {
    expect(() => parse(chainOf(20), { dialect: 'obs' })).not.toThrow()
    const error = failure(() => parse(chainOf(21), { dialect: 'obs' }))
    expect(error.message).toBe('The value of parameter: x-image-process has more than 20 actions.')
    expect(error.detail.span!.start).toBe(chainOf(20).length + 1)
  })

  it('OSS: our chosen caps, 4096 characters and 50 actions', () => {
    expect(() => parse(`image/resize,w_1,x_${'1'.repeat(4096 - 19)}`)).not.toThrow()
    expect(failure(() => parse(`image/resize,w_1,x_${'1'.repeat(4097 - 19)}`)).message).toContain('length limit of 4096')
    expect(() => parse(chainOf(50))).not.toThrow()
    expect(failure(() => parse(chainOf(51))).message).toContain('more than 50 actions')
  })

  it('options override the caps', () => {
    expect(failure(() => parse('image/rotate,90', { maxLength: 10 })).code).toBe('InvalidArgument')
    expect(failure(() => parse(chainOf(3), { maxActions: 2 })).code).toBe('InvalidArgument')
    expect(() => parse(chainOf(60), { maxActions: 60 })).not.toThrow()
  })
})

describe('parse: signed integers', () => {
  it('"-0" reads as 0, not -0, so it serialises back to the same value', () => {
    const action = parse('image/contrast,-0').chain
    const value = action.kind === 'image' ? (action.actions[0]?.params as { value: number }).value : undefined
    expect(Object.is(value, 0)).toBe(true)
  })
})

describe('parse: dialect differences', () => {
  it('OSS only: the | suffix; OBS treats | as an ordinary character', () => {
    expect(parse('image/info|sys/saveas,o_dGVzdA').saveAs?.object).toBe('test')
    expect(failure(() => parse('image/info|sys/saveas,o_dGVzdA', { dialect: 'obs' })).code).toBe('InvalidArgument')
  })

  it('empty chain: OSS error, OBS no change', () => {
    expect(failure(() => parse('image/')).code).toBe('MissingArgument')
    expect(parse('image/', { dialect: 'obs' }).chain).toEqual({ kind: 'image', actions: [], span: { start: 0, end: 6 } })
  })

  it('a style cannot be nested in a watermark', () => {
    const error = failure(() => parse(`image/watermark,image_${encodeBase64Url('a.png?x-oss-process=style/x')}`))
    expect(error.message).toBe('The process string must start with image/.')
  })
})

describe('parse: empty segments (leading, trailing, repeated /)', () => {
  it('are skipped, and the spans of what follows point at the real text', () => {
    const source = '//image/resize,w_100//quality,q_1//'
    const ast = parse(source)
    if (ast.chain.kind !== 'image') throw new Error('image chain expected')
    const [resize, quality] = ast.chain.actions as [Action, Action]
    expect(ast.chain.span).toEqual({ start: 2, end: source.length })
    expect(source.slice(resize.span.start, resize.span.end)).toBe('resize,w_100')
    expect(source.slice(quality.span.start, quality.span.end)).toBe('quality,q_1')
    expect(parse('image/resize,w_100/').chain).toMatchObject({ actions: [{ name: 'resize', params: { w: 100 } }] })
  })

  it('are skipped inside a watermark nested process too', () => {
    const nested = 'logo.png?x-oss-process=/image//resize,P_30/'
    const wm = (parse(`image/watermark,image_${encodeBase64Url(nested)}`).chain as { actions: WatermarkAction[] }).actions[0]!
    expect(wm.params.image!.process!.chain).toMatchObject({ actions: [{ name: 'resize', params: { P: 30 } }] })
  })

  it('image/ alone (any slashes) is the empty chain; slashes alone name no processor', () => {
    expect(failure(() => parse('image//')).code).toBe('MissingArgument')
    expect(parse('/image//', { dialect: 'obs' }).chain).toMatchObject({ kind: 'image', actions: [] })
    for (const dialect of ['oss', 'obs'] as const) {
      const error = failure(() => parse('//', { dialect }))
      expect([error.code, error.fragment()]).toEqual(['BadRequest', '//\n^^'])
    }
  })

  it('parameters without an action name are refused, with the caret on them', () => {
    const error = failure(() => parse('image//,w_1/resize,w_1'))
    expect([error.code, error.message]).toEqual(['BadRequest', 'An action name is missing.'])
    expect(error.fragment()).toBe('image//,w_1/resize,w_1\n       ^^^^')
  })
})
