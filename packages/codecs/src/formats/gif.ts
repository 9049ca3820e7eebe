/**
 * GIF: decode with omggif (every frame composited on the canvas of ../probe/gif-canvas.ts, the
 * logical screen unless that is not believed, honouring disposal and transparency; delays in ms),
 * encode with gifenc (per-frame palette quantisation, 1-bit alpha).
 * Both are small, dependency-free, pure JS and run in every runtime.
 */
import { ImgError, type Codec, type DecodedImage, type Frame, type RawImage } from '@imgproc/types'
import * as gifencModule from 'gifenc'
import { GifReader } from 'omggif'
import { damaged, hasAscii } from '../bytes.js'
import { checkDecodeLimits, resolveLimits } from '../limits.js'
import { probeGif, type GifHeader } from '../probe/gif.js'
import { checkRawImage, decodeFailure, encodeFailure } from './common.js'

/**
 * gifenc ships CJS as `main` (Node sees only a default export) and ESM as `module` (bundlers see
 * named exports): take the functions from whichever shape arrived.
 */
const gifenc = ((gifencModule as { default?: unknown }).default as typeof gifencModule | undefined)?.GIFEncoder
  ? ((gifencModule as { default?: unknown }).default as typeof gifencModule)
  : gifencModule
const { GIFEncoder, applyPalette, quantize } = gifenc

/** GIF delays are centiseconds; browsers treat 0-1 as 10 (100 ms) — we report what is stored. */
const CS = 10

function decodeFrames(bytes: Uint8Array, firstFrameOnly: boolean): { frames: Frame[]; loop: number | undefined } {
  const reader = new GifReader(bytes)
  const { width, height } = reader
  const canvas = new Uint8ClampedArray(width * height * 4)
  const frames: Frame[] = []
  const count = firstFrameOnly ? Math.min(1, reader.numFrames()) : reader.numFrames()
  for (let i = 0; i < count; i++) {
    const info = reader.frameInfo(i)
    const previous = info.disposal === 3 ? canvas.slice() : undefined
    reader.decodeAndBlitFrameRGBA(i, canvas)
    frames.push({ image: { width, height, data: canvas.slice() }, delayMs: info.delay * CS })
    if (info.disposal === 2) clearRect(canvas, width, height, info.x, info.y, info.width, info.height)
    else if (previous) canvas.set(previous)
  }
  const loop = reader.loopCount()
  return { frames, loop: loop === null ? undefined : loop }
}

/**
 * The bytes omggif should read: the file itself, or when the canvas is not the stored screen a copy
 * whose screen fields say the canvas, so omggif allocates and strides by the canvas (it takes its
 * size from those two fields and has no other way to be told).
 */
function onCanvas(bytes: Uint8Array, header: GifHeader): Uint8Array {
  const { width, height, screen } = header
  if (width === screen.width && height === screen.height) return bytes
  if (width > 0xffff || height > 0xffff) {
    throw new ImgError('ImageTooLarge', `The GIF's frames reach ${width}x${height}; a GIF canvas has at most 65535 pixels a side.`)
  }
  const copy = bytes.slice()
  copy.set([width & 0xff, width >> 8, height & 0xff, height >> 8], 6)
  return copy
}

function clearRect(canvas: Uint8ClampedArray, width: number, height: number, x: number, y: number, w: number, h: number): void {
  const x1 = Math.min(width, x + w)
  const y1 = Math.min(height, y + h)
  for (let row = Math.max(0, y); row < y1; row++) canvas.fill(0, (row * width + Math.max(0, x)) * 4, (row * width + x1) * 4)
}

function encodeFrames(frames: readonly Frame[], loop: number): Uint8Array {
  const { width, height } = frames[0]!.image
  const gif = GIFEncoder()
  for (const [index, frame] of frames.entries()) {
    const { data } = frame.image
    const palette = quantize(data, 256, { format: 'rgba4444', oneBitAlpha: true })
    const indexed = applyPalette(data, palette, 'rgba4444')
    const transparentIndex = palette.findIndex((color) => color[3] === 0)
    gif.writeFrame(indexed, width, height, {
      palette,
      delay: frame.delayMs,
      // repeat -1 writes no NETSCAPE loop block (a still image); 0 = forever
      ...(index === 0 ? { repeat: frames.length > 1 ? loop : -1 } : {}),
      ...(transparentIndex >= 0 ? { transparent: true, transparentIndex, dispose: 2 } : {}),
    })
  }
  gif.finish()
  return gif.bytes()
}

export const gifCodec: Codec = {
  format: 'gif',
  mimeType: 'image/gif',
  extensions: ['gif'],
  canDecode: true,
  canEncode: true,
  sniff: (bytes) => hasAscii(bytes, 0, 'GIF87a') || hasAscii(bytes, 0, 'GIF89a'),
  probe: (bytes) => {
    const { loop: _l, screen: _s, maxFrameArea: _m, starved: _f, truncated: _t, ...result } = probeGif(bytes)
    return result
  },
  async decode(bytes, options = {}): Promise<DecodedImage> {
    const header = probeGif(bytes)
    checkDecodeLimits(header, options.limits)
    // A frame far larger than the canvas is a bomb pattern (omggif allocates the frame's index
    // buffer before decoding); frames up to the canvas area or 1 Mpx pass. On a canvas taken from
    // the frames' extent every frame fits, so this only bites on a believed screen.
    const frameLimit = Math.min(resolveLimits(options.limits).maxPixels, Math.max(header.width * header.height, 1 << 20))
    if (header.maxFrameArea > frameLimit) {
      throw new ImgError('ImageTooLarge', `A GIF frame declares ${header.maxFrameArea} pixels on a ${header.width}x${header.height} canvas.`)
    }
    // A frame its LZW data cannot fill is damaged; omggif would allocate it in full and pad it.
    const { starved } = header
    if (starved && (starved.index === 0 || !options.firstFrameOnly)) {
      throw damaged(
        'GIF',
        `frame ${starved.index + 1} declares ${starved.width}x${starved.height} pixels but its ${starved.dataBytes} bytes of LZW data can hold at most ${starved.maxPixels}`,
      )
    }
    let decoded
    try {
      decoded = decodeFrames(onCanvas(bytes, header), options.firstFrameOnly ?? false)
    } catch (cause) {
      throw decodeFailure('GIF', cause)
    }
    const first = decoded.frames[0]
    if (!first) throw decodeFailure('GIF', 'no frame decoded')
    return {
      format: 'gif',
      image: first.image,
      orientation: 1,
      ...(decoded.frames.length > 1 ? { frames: decoded.frames } : {}),
      ...(decoded.loop === undefined ? {} : { loop: decoded.loop }),
    }
  },
  async encode(image: RawImage, options = {}) {
    const frames = options.frames?.length ? options.frames : [{ image, delayMs: 0 }]
    for (const frame of frames) {
      checkRawImage(frame.image, 'GIF')
      if (frame.image.width !== frames[0]!.image.width || frame.image.height !== frames[0]!.image.height) {
        throw new ImgError('InternalError', 'Every GIF frame must have the size of the first.')
      }
    }
    try {
      return encodeFrames(frames, options.loop ?? 0)
    } catch (cause) {
      throw encodeFailure('GIF', cause)
    }
  },
}
