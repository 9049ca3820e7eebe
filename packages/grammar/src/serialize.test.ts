import { describe, expect, it } from 'vitest'
import { parse } from './parse.js'
import { serialize } from './serialize.js'

describe('serialize: the canonical form', () => {
  it.each([
    ['image/resize,w_100,m_fill,h_50', 'image/resize,m_fill,w_100,h_50', 'schema order'],
    ['image/crop,w_100,h_100,x_100,y_100,r_1', 'image/crop,w_100,h_100,x_100,y_100', 'unknown keys dropped'],
    ['image/watermark,text_SGVsbG8,color_ff6a00,', 'image/watermark,text_SGVsbG8,color_FF6A00', 'trailing comma dropped, colour upper-case'],
    ['image/watermark,text_aGVsbG8g5Zu+54mH5pyN5Yqh77yB', 'image/watermark,text_aGVsbG8g5Zu-54mH5pyN5Yqh77yB', 'URL-safe alphabet'],
    ['image/watermark,text_RmFzaGlvbk1pbmQ=', 'image/watermark,text_RmFzaGlvbk1pbmQ', 'padding dropped'],
    ['image/resize,w_0100', 'image/resize,w_100', 'leading zeros dropped'],
    ['image/resize,w_100,w_200', 'image/resize,w_200', 'duplicate key: the last one'],
    ['image/rotate,90,180', 'image/rotate,180', 'duplicate value: the last one'],
    ['image/resize,w_100|sys/saveas,o_ZGVzdC5qcGc=,b_dGVzdA==', 'image/resize,w_100|sys/saveas,o_ZGVzdC5qcGc,b_dGVzdA', 'saveas'],
    ['style/thumb', 'style/thumb', 'style'],
  ])('%s -> %s (%s)', (source, canonical) => {
    expect(serialize(parse(source))).toBe(canonical)
  })

  it('writes OBS gravity, percent radii and bucket/object images in OBS spelling', () => {
    const source = 'image/crop,g_br,w_10/rounded-corners,rx_10p,ry_4/watermark,image_YnVja2V0L2xvZ28ucG5n,g_tl'
    const canonical = 'image/crop,w_10,g_br/rounded-corners,rx_10p,ry_4/watermark,g_tl,image_YnVja2V0L2xvZ28ucG5n'
    expect(serialize(parse(source, { dialect: 'obs' }))).toBe(canonical)
    expect(serialize(parse('image/', { dialect: 'obs' }))).toBe('image/')
  })

  it('re-encodes a nested process canonically', () => {
    // panda.png?x-oss-process=image/resize,P_30,  (trailing comma) -> without it
    const ast = parse('image/watermark,image_cGFuZGEucG5nP3gtb3NzLXByb2Nlc3M9aW1hZ2UvcmVzaXplLFBfMzAs')
    expect(serialize(ast)).toBe('image/watermark,image_cGFuZGEucG5nP3gtb3NzLXByb2Nlc3M9aW1hZ2UvcmVzaXplLFBfMzA')
  })

  it('serializes hand-built ASTs (no spans needed) and rejects unknown actions', () => {
    expect(
      serialize({ dialect: 'oss', chain: { kind: 'image', actions: [{ name: 'resize', params: { w: 10, limit: 0 } }] } }),
    ).toBe('image/resize,w_10,limit_0')
    expect(() =>
      serialize({ dialect: 'oss', chain: { kind: 'image', actions: [{ name: 'slim', params: {} } as never] } }),
    ).toThrow(TypeError)
  })
})
