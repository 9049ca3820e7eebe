/**
 * Helpers for codec tests (ours and other packages'): synthetic images, PSNR, EXIF blocks, small ICC
 * profiles, and independent readers of what a file carries (WebP container, metadata).
 * @module
 */
import type { RawImage } from '@imgproc/types'

export { greyPngAround } from './png.fixture.js'
export { ascii, byte, exifBlock, long, rational, short, withExifApp1, type ExifBlockSpec, type ExifEntry } from './exif.fixture.js'
export { scanMetadata, type EmbeddedMetadata } from './metadata-scan.fixture.js'
export { embedInJpeg, P3_COLORANTS, rgbProfile } from './icc/synthetic-profiles.js'

/** A smooth RGBA test image (gradients plus a soft alpha ramp when `alpha` is set). */
export function gradient(width: number, height: number, alpha = false): RawImage {
  const data = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      data[i] = Math.round((x / Math.max(1, width - 1)) * 255)
      data[i + 1] = Math.round((y / Math.max(1, height - 1)) * 255)
      data[i + 2] = Math.round(((x + y) / Math.max(1, width + height - 2)) * 255)
      data[i + 3] = alpha ? Math.round(64 + (x / Math.max(1, width - 1)) * 191) : 255
    }
  }
  return { width, height, data }
}

/** Peak signal-to-noise ratio over the RGB (and, when `withAlpha`, A) channels; Infinity when equal. */
export function psnr(a: RawImage, b: RawImage, withAlpha = false): number {
  if (a.width !== b.width || a.height !== b.height) throw new RangeError(`Sizes differ: ${a.width}x${a.height} vs ${b.width}x${b.height}`)
  let sum = 0
  let count = 0
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < (withAlpha ? 4 : 3); c++) {
      const d = a.data[i + c]! - b.data[i + c]!
      sum += d * d
    }
    count += withAlpha ? 4 : 3
  }
  if (sum === 0) return Infinity
  return 10 * Math.log10((255 * 255) / (sum / count))
}

/** One ANMF frame as the WebP container spec lays it out. */
export interface WebpContainerFrame {
  x: number
  y: number
  width: number
  height: number
  durationMs: number
  /** false = "do not blend" (the frame overwrites its rectangle) */
  blend: boolean
  /** true = dispose to the background colour after the frame */
  dispose: boolean
  /** the four-letter ids of the chunks inside the frame (ALPH, VP8 , VP8L) */
  chunks: string[]
}

/** What {@link readWebpContainer} finds in a WebP file. */
export interface WebpContainer {
  /** four-letter ids of the top-level chunks, in order */
  chunks: string[]
  /** VP8X flags byte (0 without VP8X) */
  flags: number
  /** the canvas size (VP8X), 0 without VP8X */
  width: number
  height: number
  /** ANIM loop count (0 = forever), undefined without ANIM */
  loop?: number
  frames: WebpContainerFrame[]
}

/**
 * A minimal reader of the WebP RIFF container (Google's "WebP Container Specification"), written
 * apart from the codecs so that tests can check what the muxer writes: it checks the RIFF size,
 * every chunk size and padding, and reads VP8X, ANIM and each ANMF header. It decodes no pixels.
 */
export function readWebpContainer(bytes: Uint8Array): WebpContainer {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const fourcc = (at: number) => String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!)
  const u24 = (at: number) => bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)
  if (fourcc(0) !== 'RIFF' || fourcc(8) !== 'WEBP') throw new Error('not a RIFF WEBP file')
  if (view.getUint32(4, true) + 8 !== bytes.length) throw new Error(`RIFF size ${view.getUint32(4, true)} does not match ${bytes.length} bytes`)
  const walk = (start: number, end: number, visit: (id: string, body: number, size: number) => void) => {
    let at = start
    while (at < end) {
      if (at + 8 > end) throw new Error(`truncated chunk header at ${at}`)
      const size = view.getUint32(at + 4, true)
      const next = at + 8 + size + (size & 1)
      if (next > end) throw new Error(`chunk ${fourcc(at)} at ${at} runs past its container`)
      visit(fourcc(at), at + 8, size)
      at = next
    }
  }
  const out: WebpContainer = { chunks: [], flags: 0, width: 0, height: 0, frames: [] }
  walk(12, bytes.length, (id, body, size) => {
    out.chunks.push(id)
    if (id === 'VP8X') {
      out.flags = bytes[body]!
      out.width = u24(body + 4) + 1
      out.height = u24(body + 7) + 1
    } else if (id === 'ANIM') {
      out.loop = view.getUint16(body + 4, true)
    } else if (id === 'ANMF') {
      const chunks: string[] = []
      walk(body + 16, body + size, (inner) => chunks.push(inner))
      const bits = bytes[body + 15]!
      out.frames.push({
        x: u24(body) * 2, y: u24(body + 3) * 2, width: u24(body + 6) + 1, height: u24(body + 9) + 1,
        durationMs: u24(body + 12), blend: (bits & 2) === 0, dispose: (bits & 1) === 1, chunks,
      })
    }
  })
  return out
}
