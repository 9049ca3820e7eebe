/**
 * Integer box pre-shrink (libvips `shrink`): averages fx x fy blocks before the final kernel,
 * so large downscales run the expensive kernel on a small image. Partial edge blocks average
 * what they hold.
 */
export function boxShrink(src: Uint8ClampedArray, width: number, height: number, fx: number, fy: number):
  { width: number; height: number; data: Uint8ClampedArray } {
  const ow = Math.ceil(width / fx)
  const oh = Math.ceil(height / fy)
  const out = new Uint8ClampedArray(ow * oh * 4)
  const acc = new Uint32Array(ow * 4)
  const cnt = new Uint32Array(ow)
  const stride = width * 4
  for (let oy = 0; oy < oh; oy++) {
    acc.fill(0); cnt.fill(0)
    const yEnd = Math.min(height, (oy + 1) * fy)
    for (let y = oy * fy; y < yEnd; y++) {
      let s = y * stride
      for (let x = 0, ox = 0, k = 0; x < width; x++, s += 4) {
        const a = ox * 4
        acc[a] += src[s]!; acc[a + 1] += src[s + 1]!; acc[a + 2] += src[s + 2]!; acc[a + 3] += src[s + 3]!
        cnt[ox]!++
        if (++k === fx) { k = 0; ox++ }
      }
    }
    let d = oy * ow * 4
    for (let ox = 0; ox < ow; ox++, d += 4) {
      const n = cnt[ox]!
      const a = ox * 4
      // the clamped array rounds on store, so no +n/2 bias term
      out[d] = acc[a]! / n; out[d + 1] = acc[a + 1]! / n
      out[d + 2] = acc[a + 2]! / n; out[d + 3] = acc[a + 3]! / n
    }
  }
  return { width: ow, height: oh, data: out }
}
