/** WebP header probe: RIFF chunk walk, VP8/VP8L/VP8X size fields, ANMF frame count. */
import type { ProbeResult } from '@imgproc/types'
import { ByteReader, damaged } from '../bytes.js'
import { parseExif } from '../exif.js'

export interface WebpHeader extends ProbeResult {
  lossless: boolean
  animated: boolean
  loop?: number
  exif?: Uint8Array
  /** the ICCP chunk's body: the ICC profile */
  icc?: Uint8Array
}

const MAX_CHUNKS = 100_000

export function probeWebp(bytes: Uint8Array): WebpHeader {
  const reader = new ByteReader(bytes, 'WebP', true)
  let width = 0
  let height = 0
  let hasAlpha = false
  let hasIcc = false
  let lossless = false
  let animated = false
  let frames = 0
  let loop: number | undefined
  let exif: Uint8Array | undefined
  let icc: Uint8Array | undefined
  let offset = 12
  for (let i = 0; i < MAX_CHUNKS && offset + 8 <= bytes.length; i++) {
    const type = reader.ascii(offset, 4)
    const size = reader.u32(offset + 4)
    const body = offset + 8
    if (type === 'VP8X') {
      const flags = reader.u8(body)
      hasIcc = (flags & 0x20) !== 0
      hasAlpha = (flags & 0x10) !== 0
      animated = (flags & 0x02) !== 0
      width = reader.u24le(body + 4) + 1
      height = reader.u24le(body + 7) + 1
    } else if (type === 'VP8 ' && width === 0) {
      if (reader.u8(body + 3) !== 0x9d || reader.u8(body + 4) !== 0x01 || reader.u8(body + 5) !== 0x2a) {
        throw damaged('WebP', 'VP8 start code missing')
      }
      width = reader.u16(body + 6) & 0x3fff
      height = reader.u16(body + 8) & 0x3fff
    } else if (type === 'VP8L' && width === 0) {
      if (reader.u8(body) !== 0x2f) throw damaged('WebP', 'VP8L signature missing')
      const bits = reader.u32(body + 1)
      width = (bits & 0x3fff) + 1
      height = ((bits >>> 14) & 0x3fff) + 1
      hasAlpha = ((bits >>> 28) & 1) === 1
      lossless = true
    } else if (type === 'VP8L') {
      lossless = true
    } else if (type === 'ANIM') {
      loop = reader.u16(body + 4)
    } else if (type === 'ANMF') {
      frames++
      if (bytes.length >= body + 24 && reader.ascii(body + 16, 4) === 'VP8L') lossless = true
    } else if (type === 'EXIF' && body + size <= bytes.length) {
      exif = reader.sub(body, size)
    } else if (type === 'ICCP' && body + size <= bytes.length) {
      icc = reader.sub(body, size)
    }
    offset = body + size + (size & 1)
  }
  if (width === 0 || height === 0) throw damaged('WebP', 'no VP8, VP8L or VP8X header with a size')
  return {
    format: 'webp',
    width,
    height,
    frames: Math.max(1, frames),
    orientation: exif ? parseExif(exif).orientation : 1,
    colorType: hasAlpha ? 'rgba' : 'rgb',
    bitDepth: 8,
    hasAlpha,
    hasIcc,
    progressive: false,
    lossless,
    animated,
    ...(loop === undefined ? {} : { loop }),
    ...(exif ? { exif } : {}),
    ...(icc ? { icc } : {}),
  }
}
