import { describe, expect, it } from 'vitest'
import { DEFAULT_QUALITY, outputQuality, resolveOutput } from './output-settings.js'

const jpeg = (quality?: number) => ({ format: 'jpeg' as const, quality })

describe('outputQuality (spec 2.12)', () => {
  it('scales q by the source quality and caps Q at it, Q winning', () => {
    expect(outputQuality({ relativeQuality: 90 }, jpeg(100))).toBe(90)
    expect(outputQuality({ relativeQuality: 90 }, jpeg(80))).toBe(72)
    expect(outputQuality({ absoluteQuality: 90 }, jpeg(95))).toBe(90)
    expect(outputQuality({ absoluteQuality: 90 }, jpeg(80))).toBe(80)
    expect(outputQuality({ absoluteQuality: 50, relativeQuality: 10 }, jpeg(80))).toBe(50)
  })
  it('treats q like Q without a source quality, and defaults to the source quality or 85', () => {
    expect(outputQuality({ relativeQuality: 60 }, { format: 'webp' })).toBe(60)
    expect(outputQuality({}, jpeg(82))).toBe(82)
    expect(outputQuality({}, { format: 'png' })).toBe(DEFAULT_QUALITY)
  })
})

describe('resolveOutput', () => {
  it('keeps the source format, keeps GIF only for GIF sources, flattens JPEG, interlaces JPEG only', () => {
    expect(resolveOutput({}, jpeg(82))).toEqual({ format: 'jpeg', mimeType: 'image/jpeg', quality: 82, progressive: false, flattenToWhite: true })
    expect(resolveOutput({ format: 'png', interlace: true }, jpeg(82))).toEqual({
      format: 'png', mimeType: 'image/png', quality: undefined, progressive: false, flattenToWhite: false,
    })
    expect(resolveOutput({ format: 'gif' }, { format: 'png' }).format).toBe('png')
    expect(resolveOutput({ format: 'gif' }, { format: 'gif' }).format).toBe('gif')
    expect(resolveOutput({ interlace: true }, jpeg(82)).progressive).toBe(true)
    expect(resolveOutput({ format: 'webp', absoluteQuality: 70 }, { format: 'png' }).quality).toBe(70)
  })
})
