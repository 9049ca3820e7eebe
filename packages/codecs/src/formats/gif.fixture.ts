/**
 * GIFs written byte by byte for tests, so a test can declare what no encoder writes: any logical
 * screen (0 or 15000 included), frames at any offset, and frames whose LZW data is shorter than
 * their declared size. Colours come from a four-entry global table.
 */
import { concatBytes } from '@imgproc/types'

/** The global colour table: index -> RGB. */
export const FIXTURE_PALETTE: ReadonlyArray<readonly [number, number, number]> = [
  [0, 0, 0],
  [255, 0, 0],
  [0, 255, 0],
  [0, 0, 255],
]

export interface FixtureFrame {
  left: number
  top: number
  width: number
  height: number
  /** palette indices 0-3, row by row; default: every pixel index 1 */
  indices?: ArrayLike<number>
  /** LZW data (min code size byte first) written instead of the indices, e.g. a few bytes for a huge frame */
  lzw?: Uint8Array
  /** centiseconds; writes a graphic control extension */
  delayCs?: number
}

const le16 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff]

/**
 * LZW data of literal codes only: min code size 2 gives 3-bit codes, and a clear code before
 * every second index keeps the code table from growing past 3 bits, so no compression logic is
 * needed and the stream is valid for any decoder.
 */
export function literalLzw(indices: ArrayLike<number>): Uint8Array {
  const CLEAR = 4
  const END = 5
  const codes: number[] = []
  for (let i = 0; i < indices.length; i++) {
    if (i % 2 === 0) codes.push(CLEAR)
    codes.push(indices[i]! & 3)
  }
  codes.push(END)
  const packed: number[] = []
  let bits = 0
  let count = 0
  for (const code of codes) {
    bits |= code << count
    count += 3
    while (count >= 8) {
      packed.push(bits & 0xff)
      bits >>= 8
      count -= 8
    }
  }
  if (count > 0) packed.push(bits & 0xff)
  const blocks: number[] = [2]
  for (let at = 0; at < packed.length; at += 255) {
    const block = packed.slice(at, at + 255)
    blocks.push(block.length, ...block)
  }
  blocks.push(0)
  return Uint8Array.from(blocks)
}

/** A GIF89a with the given logical screen, the fixture palette and the frames in order. */
export function fixtureGif(screen: { width: number; height: number }, frames: readonly FixtureFrame[]): Uint8Array {
  const parts: Uint8Array[] = [
    new TextEncoder().encode('GIF89a'),
    Uint8Array.from([...le16(screen.width), ...le16(screen.height), 0x81, 0, 0]), // global table of 4
    Uint8Array.from(FIXTURE_PALETTE.flat()),
  ]
  for (const frame of frames) {
    if (frame.delayCs !== undefined) parts.push(Uint8Array.from([0x21, 0xf9, 4, 0, ...le16(frame.delayCs), 0, 0]))
    const { left, top, width, height } = frame
    parts.push(Uint8Array.from([0x2c, ...le16(left), ...le16(top), ...le16(width), ...le16(height), 0]))
    parts.push(frame.lzw ?? literalLzw(frame.indices ?? new Uint8Array(width * height).fill(1)))
  }
  parts.push(Uint8Array.of(0x3b))
  return concatBytes(parts)
}
