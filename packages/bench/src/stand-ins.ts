import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RawImage } from '@imgproc/types'

/**
 * Generated stand-ins for the standard inputs when ../shared/corpus is absent: a photo-like
 * 2725x2225 JPEG, a 2048x1536 PNG with graded alpha and a 1024x772 WebP, the same sizes and
 * formats as the corpus files, drawn by code (smooth gradients plus deterministic texture, so
 * the codecs have both flat areas and detail to work on) and encoded with imgproc's codecs.
 */
export function drawStandIn(width: number, height: number, alpha: boolean): RawImage {
  const data = new Uint8ClampedArray(width * height * 4)
  let seed = 0x9e3779b9
  for (let y = 0; y < height; y++) {
    const fy = y / height
    for (let x = 0; x < width; x++) {
      const fx = x / width
      seed = (seed * 1664525 + 1013904223) >>> 0
      const grain = (seed >>> 24) / 32 - 4
      const ripple = 40 * Math.sin(fx * 37 + Math.sin(fy * 11) * 3) * Math.cos(fy * 23)
      const i = (y * width + x) * 4
      data[i] = 60 + 150 * fx + ripple + grain
      data[i + 1] = 90 + 120 * fy - ripple / 2 + grain
      data[i + 2] = 140 + 80 * Math.sin(fx * 5 + fy * 7) + grain
      data[i + 3] = alpha ? 255 * Math.min(1, Math.hypot(fx - 0.5, fy - 0.5) * 2) : 255
    }
  }
  return { width, height, data }
}

export async function writeStandIns(): Promise<string[]> {
  const { initNode } = await import('@imgproc/codecs/node')
  await initNode()
  const { encode } = await import('@imgproc/codecs')
  const dir = await mkdtemp(join(tmpdir(), 'imgproc-bench-inputs-'))
  const inputs = [
    { name: 'stand-in-photo-2725x2225.jpg', image: drawStandIn(2725, 2225, false), format: 'jpeg' as const, quality: 90 },
    { name: 'stand-in-alpha-2048x1536.png', image: drawStandIn(2048, 1536, true), format: 'png' as const, quality: undefined },
    { name: 'stand-in-1024x772.webp', image: drawStandIn(1024, 772, false), format: 'webp' as const, quality: 80 },
  ]
  const paths: string[] = []
  for (const input of inputs) {
    const path = join(dir, input.name)
    await writeFile(path, await encode(input.image, input.format, input.quality ? { quality: input.quality } : {}))
    paths.push(path)
  }
  return paths
}
