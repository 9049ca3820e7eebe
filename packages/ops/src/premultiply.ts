/**
 * Premultiplied alpha for filters that average neighbours (resample, blur, rotate): averaging
 * straight RGBA lets the colour of fully transparent pixels bleed into the result.
 */
export function premultiply(src: Uint8ClampedArray): Uint8ClampedArray {
  const out = new Uint8ClampedArray(src.length)
  for (let i = 0; i < src.length; i += 4) {
    const a = src[i + 3]!
    if (a === 255) {
      out[i] = src[i]!; out[i + 1] = src[i + 1]!; out[i + 2] = src[i + 2]!; out[i + 3] = 255
    } else if (a !== 0) {
      out[i] = (src[i]! * a) / 255; out[i + 1] = (src[i + 1]! * a) / 255
      out[i + 2] = (src[i + 2]! * a) / 255; out[i + 3] = a
    }
  }
  return out
}

// Uint8ClampedArray stores round(value), so no +0.5 / +127 bias terms (they would round twice).

/** Inverse of `premultiply`, in place. */
export function unpremultiplyInPlace(d: Uint8ClampedArray): void {
  for (let i = 0; i < d.length; i += 4) {
    const a = d[i + 3]!
    if (a === 255 || a === 0) continue
    const s = 255 / a
    d[i] = d[i]! * s; d[i + 1] = d[i + 1]! * s; d[i + 2] = d[i + 2]! * s
  }
}
