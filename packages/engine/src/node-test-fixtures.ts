/**
 * Node-only helpers for the engine's tests: codec WASM set-up, corpus access (skipped when the
 * shared corpus is absent) and generated fixtures made with the project's own encoders.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { initNode } from '@imgproc/codecs/node'
import { encode } from '@imgproc/codecs'
import type { RawImage } from '@imgproc/types'

export const CORPUS = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url))
export const hasCorpus = existsSync(`${CORPUS}/MANIFEST.tsv`)

export function corpusFile(path: string): Uint8Array | undefined {
  const full = `${CORPUS}/${path}`
  return existsSync(full) ? new Uint8Array(readFileSync(full)) : undefined
}

let ready: Promise<void> | undefined
export function setupCodecs(): Promise<void> {
  ready ??= initNode()
  return ready
}

/** A smooth colour gradient (green-ish, so average-hue has saturated pixels), deterministic. */
export function gradient(width: number, height: number, alpha = false): RawImage {
  const data = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      data[i] = (x * 255) / width
      data[i + 1] = 120 + (y * 100) / height
      data[i + 2] = 60
      data[i + 3] = alpha ? (x * 255) / width : 255
    }
  return { width, height, data }
}

export async function generatedJpeg(width: number, height: number): Promise<Uint8Array> {
  await setupCodecs()
  return encode(gradient(width, height), 'jpeg', { quality: 82 })
}

export async function generatedPng(width: number, height: number, alpha = true): Promise<Uint8Array> {
  await setupCodecs()
  return encode(gradient(width, height, alpha), 'png', {})
}

/**
 * A JPEG with an EXIF APP1 holding only Orientation, inserted after SOI (f.jpg of spec §0 is not
 * in the corpus: this stands in for it with the same 424x333 size and orientation 7).
 */
export async function jpegWithOrientation(width: number, height: number, orientation: number): Promise<Uint8Array> {
  const jpeg = await generatedJpeg(width, height)
  const tiff = [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0, 0, 0]
  const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff]
  const length = payload.length + 2
  const app1 = [0xff, 0xe1, length >> 8, length & 255, ...payload]
  const out = new Uint8Array(jpeg.length + app1.length)
  out.set(jpeg.subarray(0, 2))
  out.set(app1, 2)
  out.set(jpeg.subarray(2), 2 + app1.length)
  return out
}

/** URL-safe base64 without padding, as OSS watermark and saveas values are written. */
export function b64url(text: string): string {
  const bytes = new TextEncoder().encode(text)
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
