import type { RawImage } from '@imgproc/types'
import type { Rgba } from './color.js'

/**
 * Mean colour weighted by alpha (fully transparent pixels do not count), rounded; `a` is the
 * plain mean alpha. An all-transparent image gives transparent black.
 */
export function averageColor(image: RawImage): Rgba {
  const d = image.data
  let r = 0, g = 0, b = 0, a = 0
  for (let i = 0; i < d.length; i += 4) {
    const w = d[i + 3]!
    r += d[i]! * w; g += d[i + 1]! * w; b += d[i + 2]! * w; a += w
  }
  const n = d.length / 4
  if (a === 0) return { r: 0, g: 0, b: 0, a: 0 }
  return { r: Math.round(r / a), g: Math.round(g / a), b: Math.round(b / a), a: Math.round(a / n) }
}

export interface HueStatistics {
  /** weight per hue bin (bin i covers [i, i + 1) * 360 / bins degrees); weight = alpha x chroma */
  histogram: Float64Array
  /** circular mean hue in degrees 0-360 weighted as the histogram, NaN for a grey image */
  meanHue: number
  /** sum of the weights, 0 for a grey or transparent image */
  totalWeight: number
}

/**
 * Hue statistics for hue-based summaries (the engine picks its average-hue rule from these):
 * each pixel votes for its HSV hue with weight alpha x chroma, so greys and transparent
 * pixels carry no hue.
 */
export function hueStatistics(image: RawImage, bins = 360): HueStatistics {
  const d = image.data
  const histogram = new Float64Array(bins)
  let sx = 0, sy = 0, total = 0
  const toRad = Math.PI / 180
  for (let i = 0; i < d.length; i += 4) {
    const r = d[i]!, g = d[i + 1]!, b = d[i + 2]!
    const max = r > g ? (r > b ? r : b) : (g > b ? g : b)
    const min = r < g ? (r < b ? r : b) : (g < b ? g : b)
    const chroma = max - min
    if (chroma === 0 || d[i + 3] === 0) continue
    let hue = max === r ? (g - b) / chroma : max === g ? 2 + (b - r) / chroma : 4 + (r - g) / chroma
    hue *= 60
    if (hue < 0) hue += 360
    const w = (d[i + 3]! / 255) * (chroma / 255)
    let bin = Math.floor((hue * bins) / 360)
    if (bin >= bins) bin = bins - 1
    histogram[bin] += w
    sx += w * Math.cos(hue * toRad); sy += w * Math.sin(hue * toRad); total += w
  }
  let meanHue = NaN
  if (total > 0) { meanHue = Math.atan2(sy, sx) / toRad; if (meanHue < 0) meanHue += 360 }
  return { histogram, meanHue, totalWeight: total }
}
