/**
 * HEIC: header probing only. Decoding needs an HEVC decoder; no well-kept WASM build that runs
 * without Node-only APIs was adopted (see README), so decode and encode are NotImplemented.
 */
import { ImgError, type Codec } from '@imgproc/types'
import { sniff } from '../sniff.js'
import { probeIsobmff } from '../probe/isobmff.js'

export const heicCodec: Codec = {
  format: 'heic',
  mimeType: 'image/heic',
  extensions: ['heic', 'heif'],
  canDecode: false,
  canEncode: false,
  sniff: (bytes) => sniff(bytes) === 'heic',
  probe: (bytes) => probeIsobmff(bytes, 'heic'),
  async decode() {
    throw new ImgError('NotImplemented', 'Decoding HEIC is not supported.')
  },
  async encode() {
    throw new ImgError('NotImplemented', 'Encoding HEIC is not supported.')
  },
}
