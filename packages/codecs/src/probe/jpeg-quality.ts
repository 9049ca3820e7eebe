/**
 * IJG-equivalent quality from a luminance quantisation table: the mean ratio of the table to the
 * IJG standard table gives libjpeg's scale factor S, and S inverts to quality by libjpeg's own
 * rule (S = 5000/q below 50, 200 - 2q from 50). Needed for OSS's relative `quality,q_`.
 */

/** ITU-T T.81 Annex K table K.1, in zigzag order (the order DQT stores it). */
const STANDARD_LUMA_ZIGZAG = [
  16, 11, 12, 14, 12, 10, 16, 14, 13, 14, 18, 17, 16, 19, 24, 40, 26, 24, 22, 22, 24, 49, 35, 37, 29, 40, 58, 51, 61,
  60, 57, 51, 56, 55, 64, 72, 92, 78, 64, 68, 87, 69, 55, 56, 80, 109, 81, 87, 95, 98, 103, 104, 103, 62, 77, 113,
  121, 112, 100, 120, 92, 101, 103, 99,
]

export function estimateJpegQuality(lumaZigzag: Uint16Array): number {
  let sum = 0
  for (let k = 0; k < 64; k++) sum += (lumaZigzag[k]! * 100) / STANDARD_LUMA_ZIGZAG[k]!
  const scale = sum / 64
  if (scale <= 0) return 100
  const quality = scale <= 100 ? (200 - scale) / 2 : 5000 / scale
  return Math.max(1, Math.min(100, Math.round(quality)))
}
