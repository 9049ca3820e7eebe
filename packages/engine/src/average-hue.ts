import type { RawImage } from '@imgproc/types'
import type { Dialect } from './types.js'

/**
 * The "main tone" of an image (spec 2.16). OSS does not publish its algorithm and says only that
 * it averages "salient" pixels. We measured candidates on the documented example (example.jpg,
 * expected 0x5c783b = 92,120,59; README table):
 *   plain mean 0x778b5c (distance 46.8) · mean in linear light 0x899677 (80.3) · channel median
 *   0x6d873b (22.7) · most frequent 32-level colour 0x507033 (16.7) · saturation-weighted mean
 *   0x647c3e (8.9) · pixels within ±36° of the mean hue 0x5f7b3b (4.0) ·
 *   **mean of pixels with HSV saturation > 0.25: 0x5f783a (3.6)** <- chosen, the closest.
 * Fully transparent pixels are skipped; when no pixel is saturated (a grey image) the plain mean
 * of the visible pixels is returned.
 */
export function averageHue(image: RawImage): { r: number; g: number; b: number } {
  const data = image.data
  let sr = 0, sg = 0, sb = 0, n = 0
  let ar = 0, ag = 0, ab = 0, an = 0
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] === 0) continue
    const r = data[i]!, g = data[i + 1]!, b = data[i + 2]!
    ar += r; ag += g; ab += b; an++
    const max = r > g ? (r > b ? r : b) : g > b ? g : b
    const min = r < g ? (r < b ? r : b) : g < b ? g : b
    // HSV saturation (max - min) / max > 0.25, in integers
    if ((max - min) * 4 > max) {
      sr += r; sg += g; sb += b; n++
    }
  }
  if (n === 0) {
    if (an === 0) return { r: 0, g: 0, b: 0 }
    return { r: Math.round(ar / an), g: Math.round(ag / an), b: Math.round(ab / an) }
  }
  return { r: Math.round(sr / n), g: Math.round(sg / n), b: Math.round(sb / n) }
}

/** OSS: `{"RGB":"0x5c783b"}` (lower-case, 0x); OBS: `{"RGB":"#5C783B"}` (upper-case, #) — spec 2.16, 9.2. */
export function averageHueJson(color: { r: number; g: number; b: number }, dialect: Dialect): { RGB: string } {
  const hex = [color.r, color.g, color.b].map((v) => v.toString(16).padStart(2, '0')).join('')
  return { RGB: dialect === 'obs' ? `#${hex.toUpperCase()}` : `0x${hex}` }
}
