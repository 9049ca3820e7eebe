/**
 * Animated WebP: libwebp's still decoder (the only part the squoosh build exposes) is run per
 * ANMF frame, each frame rewrapped as a still file, then composited on the canvas per the
 * container spec (alpha-blend or overwrite, dispose-to-transparent). Encoding writes each frame as
 * a full-canvas still and wraps the bitstreams in VP8X + ANIM + ANMF chunks (no blending).
 */
import type { Frame, RawImage } from '@imgproc/types'
import { ByteReader, damaged } from '../bytes.js'

interface Chunk {
  type: string
  /** the whole chunk including its 8-byte header and padding */
  bytes: Uint8Array
  body: Uint8Array
}

const MAX_CHUNKS = 100_000

function chunks(bytes: Uint8Array, start: number, end: number): Chunk[] {
  const reader = new ByteReader(bytes, 'WebP', true)
  const found: Chunk[] = []
  let offset = start
  for (let i = 0; i < MAX_CHUNKS && offset + 8 <= end; i++) {
    const type = reader.ascii(offset, 4)
    const size = reader.u32(offset + 4)
    const padded = size + (size & 1)
    if (offset + 8 + size > end) throw damaged('WebP', `chunk ${type} at offset ${offset} runs past the end`)
    found.push({ type, bytes: bytes.subarray(offset, Math.min(end, offset + 8 + padded)), body: bytes.subarray(offset + 8, offset + 8 + size) })
    offset += 8 + padded
  }
  return found
}

function u24(out: Uint8Array, at: number, value: number): void {
  out[at] = value & 255
  out[at + 1] = (value >> 8) & 255
  out[at + 2] = (value >> 16) & 255
}

function riff(parts: Uint8Array[]): Uint8Array {
  const size = 4 + parts.reduce((sum, part) => sum + part.length, 0)
  const out = new Uint8Array(8 + size)
  out.set([0x52, 0x49, 0x46, 0x46])
  new DataView(out.buffer).setUint32(4, size, true)
  out.set([0x57, 0x45, 0x42, 0x50], 8)
  let at = 12
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + body.length + (body.length & 1))
  for (let i = 0; i < 4; i++) out[i] = type.charCodeAt(i)
  new DataView(out.buffer).setUint32(4, body.length, true)
  out.set(body, 8)
  return out
}

function vp8x(flags: number, width: number, height: number): Uint8Array {
  const body = new Uint8Array(10)
  body[0] = flags
  u24(body, 4, width - 1)
  u24(body, 7, height - 1)
  return chunk('VP8X', body)
}

export interface AnimatedWebp {
  frames: Frame[]
  loop: number
}

/** Splits and composites an animated WebP; `decodeStill` decodes one rewrapped frame. */
export async function decodeAnimatedWebp(
  bytes: Uint8Array,
  width: number,
  height: number,
  decodeStill: (still: Uint8Array) => Promise<RawImage>,
  firstFrameOnly: boolean,
): Promise<AnimatedWebp> {
  const canvas = new Uint8ClampedArray(width * height * 4)
  const frames: Frame[] = []
  let loop = 0
  for (const { type, body } of chunks(bytes, 12, bytes.length)) {
    if (type === 'ANIM' && body.length >= 6) loop = body[4]! | (body[5]! << 8)
    if (type !== 'ANMF') continue
    if (body.length < 16) throw damaged('WebP', 'ANMF chunk too short')
    const reader = new ByteReader(body, 'WebP', true)
    const x = reader.u24le(0) * 2
    const y = reader.u24le(3) * 2
    const w = reader.u24le(6) + 1
    const h = reader.u24le(9) + 1
    const delayMs = reader.u24le(12)
    const blend = (reader.u8(15) & 2) === 0
    const dispose = (reader.u8(15) & 1) === 1
    const inner = chunks(body, 16, body.length)
    const alph = inner.find((c) => c.type === 'ALPH')
    const bitstream = inner.find((c) => c.type === 'VP8 ' || c.type === 'VP8L')
    if (!bitstream) throw damaged('WebP', 'an animation frame has no VP8/VP8L bitstream')
    const still = alph ? riff([vp8x(0x10, w, h), alph.bytes, bitstream.bytes]) : riff([bitstream.bytes])
    const image = await decodeStill(still)
    composite(canvas, width, height, image, x, y, blend)
    frames.push({ image: { width, height, data: canvas.slice() }, delayMs })
    if (firstFrameOnly) break
    if (dispose) clearRect(canvas, width, height, x, y, w, h)
  }
  if (!frames.length) throw damaged('WebP', 'the animation has no frames')
  return { frames, loop }
}

function composite(canvas: Uint8ClampedArray, width: number, height: number, image: RawImage, x0: number, y0: number, blend: boolean): void {
  const src = image.data
  const rows = Math.min(image.height, height - y0)
  const cols = Math.min(image.width, width - x0)
  for (let row = 0; row < rows; row++) {
    let s = row * image.width * 4
    let d = ((y0 + row) * width + x0) * 4
    for (let col = 0; col < cols; col++, s += 4, d += 4) {
      const a = src[s + 3]!
      if (!blend || a === 255) {
        canvas[d] = src[s]!
        canvas[d + 1] = src[s + 1]!
        canvas[d + 2] = src[s + 2]!
        canvas[d + 3] = a
      } else if (a > 0) {
        const below = (canvas[d + 3]! * (255 - a)) / 255
        const outA = a + below
        canvas[d] = (src[s]! * a + canvas[d]! * below) / outA
        canvas[d + 1] = (src[s + 1]! * a + canvas[d + 1]! * below) / outA
        canvas[d + 2] = (src[s + 2]! * a + canvas[d + 2]! * below) / outA
        canvas[d + 3] = outA
      }
    }
  }
}

function clearRect(canvas: Uint8ClampedArray, width: number, height: number, x: number, y: number, w: number, h: number): void {
  const x1 = Math.min(width, x + w)
  for (let row = y; row < Math.min(height, y + h); row++) canvas.fill(0, (row * width + x) * 4, (row * width + x1) * 4)
}

/** Wraps per-frame still encodings (each a full-canvas WebP file) into one animation. */
export function assembleAnimatedWebp(stills: Uint8Array[], frames: readonly Frame[], loop: number): Uint8Array {
  const { width, height } = frames[0]!.image
  const anim = new Uint8Array(6)
  anim[4] = loop & 255
  anim[5] = (loop >> 8) & 255
  const parts = [vp8x(0x12, width, height), chunk('ANIM', anim)]
  stills.forEach((still, index) => {
    const payload = chunks(still, 12, still.length).filter((c) => c.type === 'ALPH' || c.type === 'VP8 ' || c.type === 'VP8L')
    const header = new Uint8Array(16)
    u24(header, 6, width - 1)
    u24(header, 9, height - 1)
    u24(header, 12, Math.min(0xffffff, Math.max(0, Math.round(frames[index]!.delayMs))))
    header[15] = 2 // no blending: every frame is the full canvas
    const body = new Uint8Array(16 + payload.reduce((sum, c) => sum + c.bytes.length, 0))
    body.set(header)
    let at = 16
    for (const c of payload) {
      body.set(c.bytes, at)
      at += c.bytes.length
    }
    parts.push(chunk('ANMF', body))
  })
  return riff(parts)
}
