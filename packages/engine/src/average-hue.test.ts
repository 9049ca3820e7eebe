import { describe, expect, it } from 'vitest'
import { averageHue, averageHueJson } from './average-hue.js'

function image(pixels: number[][]) {
  return { width: pixels.length, height: 1, data: new Uint8ClampedArray(pixels.flat()) }
}

describe('averageHue', () => {
  it('averages only the saturated pixels', () => {
    const color = averageHue(image([[100, 150, 50, 255], [200, 200, 200, 255], [110, 150, 60, 255]]))
    expect(color).toEqual({ r: 105, g: 150, b: 55 })
  })
  it('falls back to the plain mean for grey images and skips transparent pixels', () => {
    expect(averageHue(image([[100, 100, 100, 255], [200, 200, 200, 255], [255, 0, 0, 0]]))).toEqual({ r: 150, g: 150, b: 150 })
    expect(averageHue(image([[255, 0, 0, 0]]))).toEqual({ r: 0, g: 0, b: 0 })
  })
  it('formats per dialect', () => {
    expect(averageHueJson({ r: 92, g: 120, b: 59 }, 'oss')).toEqual({ RGB: '0x5c783b' })
    expect(averageHueJson({ r: 40, g: 87, b: 125 }, 'obs')).toEqual({ RGB: '#28577D' })
  })
})
