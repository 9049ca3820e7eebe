/**
 * Four-component JPEGs written byte by byte for tests, so a test knows every sample without an
 * encoder: CMYK (Adobe APP14 transform 0), YCCK (transform 2) or CMYK without APP14. The picture is
 * made of flat 8x8 blocks, each coded as its DC coefficient alone (quantiser 8, so the decoded
 * samples are exact; YCCK only adds the colour transform's rounding). Ink is given as usual
 * (0 = none, 255 = full) and stored inverted (255 = no ink), as Photoshop and libjpeg-based
 * writers store it.
 */
import { concatBytes } from '@imgproc/types'

export type Ink = readonly [c: number, m: number, y: number, k: number]

export interface CmykJpegOptions {
  /** multiples of 8 */
  width: number
  height: number
  /** the ink of the 8x8 block in block column `bx`, block row `by` */
  block: (bx: number, by: number) => Ink
  /** 'cmyk' (APP14 transform 0, the default), 'ycck' (transform 2), 'cmyk-no-app14' */
  kind?: 'cmyk' | 'ycck' | 'cmyk-no-app14'
}

const u16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff]
const segment = (marker: number, body: number[]): number[] => [0xff, marker, ...u16(body.length + 2), ...body]

/** The stored component values of one block: inverted CMYK, or YCbCr of the inverted CMY plus K. */
function components(ink: Ink, ycck: boolean): number[] {
  const stored = ink.map((v) => 255 - v)
  if (!ycck) return stored
  // libjpeg's CMYK -> YCCK: R, G, B = 255 - stored C, M, Y, then the JFIF YCbCr transform
  const [r, g, b] = [255 - stored[0]!, 255 - stored[1]!, 255 - stored[2]!]
  const clamp = (v: number) => Math.min(255, Math.max(0, Math.round(v)))
  return [
    clamp(0.299 * r + 0.587 * g + 0.114 * b),
    clamp(-0.168735892 * r - 0.331264108 * g + 0.5 * b + 128),
    clamp(0.5 * r - 0.418687589 * g - 0.081312411 * b + 128),
    stored[3]!,
  ]
}

class BitWriter {
  readonly bytes: number[] = []
  private acc = 0
  private count = 0
  write(value: number, bits: number): void {
    for (let i = bits - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1)
      if (++this.count === 8) this.flushByte()
    }
  }
  private flushByte(): void {
    this.bytes.push(this.acc)
    if (this.acc === 0xff) this.bytes.push(0) // byte stuffing
    this.acc = 0
    this.count = 0
  }
  end(): number[] {
    while (this.count !== 0) this.write(1, 1)
    return this.bytes
  }
}

/** A baseline 4:4:4 four-component JPEG of flat blocks (see the module comment). */
export function cmykJpeg({ width, height, block, kind = 'cmyk' }: CmykJpegOptions): Uint8Array {
  if (width % 8 || height % 8 || width <= 0 || height <= 0) throw new RangeError(`${width}x${height} is not made of whole 8x8 blocks`)
  const ycck = kind === 'ycck'
  const out: number[] = [0xff, 0xd8]
  if (kind !== 'cmyk-no-app14') out.push(...segment(0xee, [...new TextEncoder().encode('Adobe'), ...u16(100), ...u16(0), ...u16(0), ycck ? 2 : 0]))
  out.push(...segment(0xdb, [0, ...new Array<number>(64).fill(8)]))
  out.push(...segment(0xc0, [8, ...u16(height), ...u16(width), 4, ...[1, 2, 3, 4].flatMap((id) => [id, 0x11, 0])]))
  // DC: categories 0-11 as 4-bit codes (the code is the category); AC: end-of-block only, code '0'
  out.push(...segment(0xc4, [0x00, 0, 0, 0, 12, ...new Array<number>(12).fill(0), ...Array.from({ length: 12 }, (_, i) => i)]))
  out.push(...segment(0xc4, [0x10, 1, ...new Array<number>(15).fill(0), 0x00]))
  out.push(...segment(0xda, [4, ...[1, 2, 3, 4].flatMap((id) => [id, 0x00]), 0, 63, 0]))
  const bits = new BitWriter()
  const predictor = [0, 0, 0, 0]
  for (let by = 0; by < height / 8; by++) {
    for (let bx = 0; bx < width / 8; bx++) {
      components(block(bx, by), ycck).forEach((value, c) => {
        // a flat block v has DC 8 * (v - 128); quantised by 8 that is v - 128
        const dc = value - 128
        const diff = dc - predictor[c]!
        predictor[c] = dc
        const size = diff === 0 ? 0 : 32 - Math.clz32(Math.abs(diff))
        bits.write(size, 4)
        if (size) bits.write(diff > 0 ? diff : diff + (1 << size) - 1, size)
        bits.write(0, 1) // end of block
      })
    }
  }
  out.push(...bits.end(), 0xff, 0xd9)
  return Uint8Array.from(out)
}

/** The JPEG without its APP2 ICC_PROFILE segments ('icc') or its Adobe APP14 segment ('adobe'). */
export function withoutSegments(jpeg: Uint8Array, which: 'icc' | 'adobe'): Uint8Array {
  const parts: Uint8Array[] = [jpeg.subarray(0, 2)]
  let at = 2
  while (at + 4 <= jpeg.length) {
    const marker = jpeg[at + 1]!
    if (marker === 0xda) break // the scan and everything after it is kept as is
    const end = at + 2 + ((jpeg[at + 2]! << 8) | jpeg[at + 3]!)
    const label = String.fromCharCode(...jpeg.subarray(at + 4, Math.min(end, at + 15)))
    const drop = which === 'icc' ? marker === 0xe2 && label === 'ICC_PROFILE' : marker === 0xee && label.startsWith('Adobe')
    if (!drop) parts.push(jpeg.subarray(at, end))
    at = end
  }
  parts.push(jpeg.subarray(at))
  return concatBytes(parts)
}
