/**
 * GIF header probe: logical screen, then a walk over the blocks (sub-blocks skipped, never
 * decompressed) counting frames, reading the loop count and the largest frame rectangle.
 */
import type { ProbeResult } from '@imgproc/types'
import { ByteReader, damaged } from '../bytes.js'

export interface GifHeader extends ProbeResult {
  loop?: number
  /** the largest frame rectangle that reaches outside the logical screen, if any (bomb check) */
  maxFrameArea: number
  /** the walk hit the end of the data before the trailer */
  truncated: boolean
}

const MAX_BLOCKS = 1_000_000

export function probeGif(bytes: Uint8Array): GifHeader {
  const reader = new ByteReader(bytes, 'GIF', true)
  const width = reader.u16(6)
  const height = reader.u16(8)
  if (width === 0 || height === 0) throw damaged('GIF', `the logical screen is ${width}x${height}`)
  const flags = reader.u8(10)
  let offset = 13 + (flags & 0x80 ? 3 << ((flags & 7) + 1) : 0)
  let frames = 0
  let loop: number | undefined
  let maxFrameArea = 0
  let hasAlpha = false
  let truncated = true
  const skipSubBlocks = (at: number): number => {
    for (let i = 0; i < MAX_BLOCKS; i++) {
      const size = reader.u8(at)
      at += 1 + size
      if (size === 0) return at
    }
    throw damaged('GIF', 'too many data sub-blocks')
  }
  try {
    for (let i = 0; i < MAX_BLOCKS; i++) {
      const kind = reader.u8(offset)
      if (kind === 0x3b) {
        truncated = false
        break
      }
      if (kind === 0x21) {
        const label = reader.u8(offset + 1)
        if (label === 0xf9 && reader.u8(offset + 3) & 1) hasAlpha = true
        if (label === 0xff && reader.ascii(offset + 3, 11) === 'NETSCAPE2.0' && reader.u8(offset + 15) === 1) {
          loop = reader.u16(offset + 16)
        }
        offset = skipSubBlocks(offset + 2)
      } else if (kind === 0x2c) {
        const frameWidth = reader.u16(offset + 5)
        const frameHeight = reader.u16(offset + 7)
        maxFrameArea = Math.max(maxFrameArea, frameWidth * frameHeight)
        const frameFlags = reader.u8(offset + 9)
        offset += 10 + (frameFlags & 0x80 ? 3 << ((frameFlags & 7) + 1) : 0)
        frames++
        offset = skipSubBlocks(offset + 1)
      } else {
        throw damaged('GIF', `unknown block 0x${kind.toString(16)} at offset ${offset}`)
      }
    }
  } catch (error) {
    if (frames === 0) throw error
  }
  if (frames === 0) throw damaged('GIF', 'no image in the file')
  return {
    format: 'gif',
    width,
    height,
    frames,
    orientation: 1,
    colorType: 'palette',
    bitDepth: 8,
    hasAlpha,
    hasIcc: false,
    progressive: false,
    maxFrameArea,
    truncated,
    ...(loop === undefined ? {} : { loop }),
  }
}
