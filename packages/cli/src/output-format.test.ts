import fc from 'fast-check'
import { parse } from '@imgproc/grammar'
import { describe, expect, it } from 'vitest'
import { formatOfOutputName, withOutputFormat } from './output-format.js'

describe('withOutputFormat (-o chooses the format the string leaves open)', () => {
  it('adds format,<ext> when the string has none', () => {
    expect(withOutputFormat('image/resize,w_100', 'out.png', 'oss')).toEqual({ process: 'image/resize,w_100/format,png' })
    expect(withOutputFormat('image/resize,w_100/', 'dir/OUT.JPEG', 'oss')).toEqual({ process: 'image/resize,w_100/format,jpg' })
    expect(withOutputFormat('image/rotate,90', 'a.tif', 'oss').process).toBe('image/rotate,90/format,tiff')
    expect(withOutputFormat('image/', 'a.webp', 'obs').process).toBe('image/format,webp')
  })

  it("keeps the string's own format, with a note when the name disagrees", () => {
    expect(withOutputFormat('image/format,png', 'out.png', 'oss')).toEqual({ process: 'image/format,png' })
    expect(withOutputFormat('image/format,jpeg', 'out.jpg', 'oss')).toEqual({ process: 'image/format,jpeg' })
    const choice = withOutputFormat('image/resize,w_10/format,webp', 'out.png', 'oss')
    expect(choice.process).toBe('image/resize,w_10/format,webp')
    expect(choice.note).toMatch(/out\.png gets webp bytes: the process string's format,webp decides/)
  })

  it('changes nothing for standard output, other extensions and JSON answers', () => {
    for (const out of ['-', 'out', 'out.bin', 'out.json', 'png']) expect(withOutputFormat('image/rotate,90', out, 'oss')).toEqual({ process: 'image/rotate,90' })
    expect(withOutputFormat('image/info', 'out.png', 'oss')).toEqual({ process: 'image/info' })
    expect(withOutputFormat('image/average-hue', 'out.png', 'obs')).toEqual({ process: 'image/average-hue' })
  })

  it('refuses a format the dialect cannot write (OBS: jpg, png, bmp, webp) as a usage error', () => {
    expect(() => withOutputFormat('image/rotate,90', 'out.gif', 'obs')).toThrow(/-o out\.gif asks for format,gif/)
  })

  it('always gives a valid string whose format is the one the name stands for (property)', () => {
    const names = fc.constantFrom('a.jpg', 'b.JPEG', 'c.png', 'd.webp', 'e.bmp', 'f.gif', 'g.tiff', 'h.avif')
    const chains = fc.array(fc.constantFrom('resize,w_50', 'rotate,90', 'blur,r_3,s_2', 'bright,10', 'crop,w_10,h_10'), { minLength: 1, maxLength: 5 })
    fc.assert(
      fc.property(chains, names, (actions, out) => {
        const text = ['image', ...actions].join('/')
        const { process, note } = withOutputFormat(text, out, 'oss')
        const { chain } = parse(process, { dialect: 'oss' })
        const format = chain.kind === 'image' ? chain.actions.find((a) => a.name === 'format') : undefined
        expect((format?.params as { value: string } | undefined)?.value).toBe(formatOfOutputName(out))
        expect(note).toBeUndefined()
      }),
    )
  })
})
