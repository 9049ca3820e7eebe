/**
 * The demo content `pnpm start` creates: a bucket holding an image drawn by our own code (a
 * colour gradient with a checker band and a circle, so resizes, crops and rotations are easy
 * to see) and a `thumb` style.
 */
import { createRawImage, type Codec, type RawImage, type StorageAdapter } from '@imgproc/types'

/** A 24-bit gradient (red across, blue down), a checker band and a white ring; deterministic. */
export function demoPixels(width: number, height: number): RawImage {
  const image = createRawImage(width, height)
  const data = image.data
  const cx = width * 0.7
  const cy = height * 0.5
  const radius = Math.min(width, height) * 0.3
  const ring = Math.max(2, radius * 0.12)
  for (let y = 0; y < height; y++) {
    const blue = Math.round((y / Math.max(1, height - 1)) * 255)
    const band = y > height * 0.1 && y < height * 0.25
    let at = y * width * 4
    for (let x = 0; x < width; x++, at += 4) {
      const red = Math.round((x / Math.max(1, width - 1)) * 255)
      const dx = x - cx
      const dy = y - cy
      const distance = Math.sqrt(dx * dx + dy * dy)
      if (Math.abs(distance - radius) < ring) {
        data[at] = data[at + 1] = data[at + 2] = 255
      } else if (band && ((x >> 4) + (y >> 4)) % 2 === 0) {
        data[at] = data[at + 1] = data[at + 2] = 20
      } else {
        data[at] = red
        data[at + 1] = 128
        data[at + 2] = blue
      }
      data[at + 3] = 255
    }
  }
  return image
}

export interface DemoImageOptions {
  width?: number
  height?: number
  /** the encoder; default the JPEG codec of @imgproc/codecs */
  codec?: Pick<Codec, 'encode'>
}

export async function makeDemoImage(options: DemoImageOptions = {}): Promise<Uint8Array> {
  const codec = options.codec ?? (await defaultJpegCodec())
  return codec.encode(demoPixels(options.width ?? 800, options.height ?? 533), { quality: 85 })
}

/** Loaded on first use, so the handler bundle does not carry the JPEG encoder unless asked. */
async function defaultJpegCodec(): Promise<Pick<Codec, 'encode'>> {
  return (await import('@imgproc/codecs')).jpegCodec
}

export const DEMO_BUCKET = 'demo'
export const DEMO_KEY = 'demo.jpg'
export const DEMO_STYLE = { name: 'thumb', content: 'image/resize,w_200/format,webp' }

/**
 * Creates the demo bucket (private), the demo image (public-read, so the printed URLs open in a
 * browser) and the `thumb` style, unless they exist. Returns what was created.
 */
export async function ensureDemo(storage: StorageAdapter, options: DemoImageOptions = {}): Promise<{ created: boolean }> {
  await storage.createBucket(DEMO_BUCKET, { acl: 'private' })
  if ((await storage.getStyle(DEMO_BUCKET, DEMO_STYLE.name)) === null) await storage.putStyle(DEMO_BUCKET, DEMO_STYLE)
  if ((await storage.head(DEMO_BUCKET, DEMO_KEY)) !== null) return { created: false }
  await storage.put(DEMO_BUCKET, DEMO_KEY, await makeDemoImage(options), { contentType: 'image/jpeg', acl: 'public-read' })
  return { created: true }
}
