/**
 * CMYK and YCCK JPEGs (4 components). The squoosh mozjpeg build only outputs RGBA from
 * YCbCr/grey/RGB sources, so these go through jpeg-js (pure JS), which undoes the Adobe inversion
 * and the YCCK transform and converts CMYK to RGB naively (R = 255 - min(255, C + K) style, no ICC):
 * colours look right but are not profile-exact. Documented in the README.
 */
import type { RawImage } from '@imgproc/types'
import decodeJpegJs from 'jpeg-js/lib/decoder.js'
import { decodeFailure } from './common.js'

export function decodeCmykJpeg(bytes: Uint8Array): RawImage {
  try {
    const result = decodeJpegJs(bytes, { useTArray: true, formatAsRGBA: true, tolerantDecoding: false, maxResolutionInMP: 250, maxMemoryUsageInMB: 1024 })
    const { width, height, data } = result
    return { width, height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) }
  } catch (cause) {
    throw decodeFailure('JPEG', cause)
  }
}
