/**
 * GIF header probe: logical screen, then a walk over the blocks (sub-blocks skipped, never
 * decompressed) counting frames, reading the loop count and every frame rectangle. The size
 * reported is the canvas decode will use (./gif-canvas.ts): the screen, or the frames' extent
 * when the screen is not believed.
 */
import type { ProbeResult } from '@imgproc/types'
import { ByteReader, damaged } from '../bytes.js'
import { gifCanvas, type CanvasSize } from './gif-canvas.js'
import { maxLzwPixels } from './gif-lzw-bound.js'

/** A frame whose LZW data is too short to fill it even at LZW's best ratio (./gif-lzw-bound.ts). */
export interface StarvedGifFrame {
  index: number
  width: number
  height: number
  dataBytes: number
  maxPixels: number
}

export interface GifHeader extends ProbeResult {
  loop?: number
  /** the logical screen as stored; `width` and `height` are the canvas */
  screen: CanvasSize
  /** the largest frame rectangle (bomb check against the canvas) */
  maxFrameArea: number
  /** the first frame its own data cannot fill, if any */
  starved?: StarvedGifFrame
  /** the walk hit the end of the data before the trailer */
  truncated: boolean
}

const MAX_BLOCKS = 1_000_000

export function probeGif(bytes: Uint8Array): GifHeader {
  const reader = new ByteReader(bytes, 'GIF', true)
  const screen = { width: reader.u16(6), height: reader.u16(8) }
  const flags = reader.u8(10)
  let offset = 13 + (flags & 0x80 ? 3 << ((flags & 7) + 1) : 0)
  let frames = 0
  let loop: number | undefined
  let maxFrameArea = 0
  let starved: StarvedGifFrame | undefined
  const extent = { width: 0, height: 0 }
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
        const left = reader.u16(offset + 1)
        const top = reader.u16(offset + 3)
        const width = reader.u16(offset + 5)
        const height = reader.u16(offset + 7)
        maxFrameArea = Math.max(maxFrameArea, width * height)
        extent.width = Math.max(extent.width, left + width)
        extent.height = Math.max(extent.height, top + height)
        const frameFlags = reader.u8(offset + 9)
        offset += 10 + (frameFlags & 0x80 ? 3 << ((frameFlags & 7) + 1) : 0)
        const index = frames++
        const minCodeSize = reader.u8(offset)
        const end = skipSubBlocks(offset + 1)
        const maxPixels = maxLzwPixels(end - offset - 1, minCodeSize)
        if (!starved && width * height > maxPixels) starved = { index, width, height, dataBytes: end - offset - 1, maxPixels }
        offset = end
      } else {
        throw damaged('GIF', `unknown block 0x${kind.toString(16)} at offset ${offset}`)
      }
    }
  } catch (error) {
    if (frames === 0) throw error
  }
  if (frames === 0) throw damaged('GIF', 'no image in the file')
  const canvas = gifCanvas(screen, extent)
  return {
    format: 'gif',
    width: canvas.width,
    height: canvas.height,
    frames,
    orientation: 1,
    colorType: 'palette',
    bitDepth: 8,
    hasAlpha,
    hasIcc: false,
    progressive: false,
    screen,
    maxFrameArea,
    truncated,
    ...(starved ? { starved } : {}),
    ...(loop === undefined ? {} : { loop }),
  }
}
