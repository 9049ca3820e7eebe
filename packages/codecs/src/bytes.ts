/** Bounds-checked big/little-endian readers over a byte array; out-of-range reads throw a typed error. */
import { ImgError } from '@imgproc/types'

/** A damaged or truncated image: the one error every parser and adapter throws for bad bytes. */
export function damaged(format: string, detail: string, cause?: unknown): ImgError {
  return new ImgError('BadRequest', `The ${format} image is damaged or truncated: ${detail}.`, cause === undefined ? {} : { cause })
}

export class ByteReader {
  constructor(
    readonly bytes: Uint8Array,
    readonly format: string,
    public littleEndian = false,
  ) {}

  get length(): number {
    return this.bytes.length
  }

  private need(offset: number, size: number): void {
    if (offset < 0 || offset + size > this.bytes.length) {
      throw damaged(this.format, `header ends early (needs ${size} bytes at offset ${offset}, file has ${this.bytes.length})`)
    }
  }

  u8(offset: number): number {
    this.need(offset, 1)
    return this.bytes[offset]!
  }

  u16(offset: number): number {
    this.need(offset, 2)
    const b = this.bytes
    return this.littleEndian ? b[offset]! | (b[offset + 1]! << 8) : (b[offset]! << 8) | b[offset + 1]!
  }

  u24le(offset: number): number {
    this.need(offset, 3)
    const b = this.bytes
    return b[offset]! | (b[offset + 1]! << 8) | (b[offset + 2]! << 16)
  }

  u32(offset: number): number {
    this.need(offset, 4)
    const b = this.bytes
    return this.littleEndian
      ? (b[offset]! | (b[offset + 1]! << 8) | (b[offset + 2]! << 16) | (b[offset + 3]! << 24)) >>> 0
      : ((b[offset]! << 24) | (b[offset + 1]! << 16) | (b[offset + 2]! << 8) | b[offset + 3]!) >>> 0
  }

  i32(offset: number): number {
    return this.u32(offset) | 0
  }

  ascii(offset: number, length: number): string {
    this.need(offset, length)
    let text = ''
    for (let i = 0; i < length; i++) text += String.fromCharCode(this.bytes[offset + i]!)
    return text
  }

  sub(offset: number, length: number): Uint8Array {
    this.need(offset, length)
    return this.bytes.subarray(offset, offset + length)
  }
}

/** True when `bytes` holds `ascii` at `offset` (no throw when short). */
export function hasAscii(bytes: Uint8Array, offset: number, ascii: string): boolean {
  if (offset + ascii.length > bytes.length) return false
  for (let i = 0; i < ascii.length; i++) if (bytes[offset + i] !== ascii.charCodeAt(i)) return false
  return true
}
