/**
 * TIFF: probed here from the first directory (../probe/tiff.ts, synchronous, no decoder), decoded
 * and encoded by UTIF in tiff-utif.ts, which is imported on the first decode or encode. The first
 * page is decoded; the size and orientation come from the first IFD before any strip is
 * decompressed. Encodes uncompressed RGBA.
 */
import type { Codec } from '@imgproc/types'
import { hasAscii } from '../bytes.js'
import { probeTiff } from '../probe/tiff.js'

export const tiffCodec: Codec = {
  format: 'tiff',
  mimeType: 'image/tiff',
  extensions: ['tif', 'tiff'],
  canDecode: true,
  canEncode: true,
  sniff: (bytes) => hasAscii(bytes, 0, 'II*\0') || hasAscii(bytes, 0, 'MM\0*'),
  probe: (bytes) => probeTiff(bytes),
  async decode(bytes, options = {}) {
    const { decodeTiff } = await import('./tiff-utif.js')
    return decodeTiff(bytes, options)
  },
  async encode(image) {
    const { encodeTiff } = await import('./tiff-utif.js')
    return encodeTiff(image)
  },
}
