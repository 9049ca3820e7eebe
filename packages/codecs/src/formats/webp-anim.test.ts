/**
 * The animated WebP muxer (webp-anim.ts) read back by an independent container reader
 * (testing.ts `readWebpContainer`, written from the WebP container spec, sharing no code with it).
 */
import type { Frame } from '@imgproc/types'
import { beforeAll, describe, expect, it } from 'vitest'
import { initNode } from '../node.js'
import { gradient, psnr, readWebpContainer } from '../testing.js'
import { assembleAnimatedWebp, decodeAnimatedWebp } from './webp-anim.js'
import { decodeWebpStill, encodeWebpStill } from './webp.js'

beforeAll(() => initNode())

function frames(delays: number[], alpha: boolean): Frame[] {
  return delays.map((delayMs, index) => {
    const image = gradient(21, 13, alpha)
    for (let i = 0; i < image.data.length; i += 4) image.data[i + 2] = (index * 90) & 255
    return { image, delayMs }
  })
}

async function mux(input: Frame[], loop: number, lossless = false): Promise<Uint8Array> {
  const stills = await Promise.all(input.map((frame) => encodeWebpStill(frame.image, 90, lossless)))
  return assembleAnimatedWebp(stills, input, loop)
}

describe('assembleAnimatedWebp', () => {
  it('writes VP8X (animation flag, canvas), ANIM (loop) and one full-canvas ANMF per frame with its delay', async () => {
    const input = frames([40, 80, 120], false)
    const container = readWebpContainer(await mux(input, 0))
    expect(container.chunks).toEqual(['VP8X', 'ANIM', 'ANMF', 'ANMF', 'ANMF'])
    expect(container.flags & 0x02).toBe(0x02)
    expect([container.width, container.height, container.loop]).toEqual([21, 13, 0])
    expect(container.frames.map((f) => [f.x, f.y, f.width, f.height, f.durationMs, f.blend])).toEqual([
      [0, 0, 21, 13, 40, false],
      [0, 0, 21, 13, 80, false],
      [0, 0, 21, 13, 120, false],
    ])
    for (const frame of container.frames) expect(frame.chunks).toEqual(['VP8 '])
  })

  it('carries the alpha chunk of lossy frames and the VP8L bitstream of lossless ones', async () => {
    const lossy = readWebpContainer(await mux(frames([50, 50], true), 0))
    expect(lossy.frames.map((f) => f.chunks)).toEqual([['ALPH', 'VP8 '], ['ALPH', 'VP8 ']])
    expect(lossy.flags & 0x10).toBe(0x10)
    const lossless = readWebpContainer(await mux(frames([50, 50], true), 0, true))
    expect(lossless.frames.map((f) => f.chunks)).toEqual([['VP8L'], ['VP8L']])
  })

  it('writes the loop count and clamps delays to the 24-bit field (rounded, never negative)', async () => {
    const container = readWebpContainer(await mux(frames([-5, 33.6, 2 ** 25], false), 3))
    expect(container.loop).toBe(3)
    expect(container.frames.map((f) => f.durationMs)).toEqual([0, 34, 0xffffff])
  })

  it('decodes back to the same frames and delays', async () => {
    const input = frames([40, 80, 120], true)
    const decoded = await decodeAnimatedWebp(await mux(input, 2, true), 21, 13, decodeWebpStill, false)
    expect(decoded.loop).toBe(2)
    expect(decoded.frames.map((f) => f.delayMs)).toEqual([40, 80, 120])
    decoded.frames.forEach((frame, index) => expect(psnr(frame.image, input[index]!.image, true)).toBe(Infinity))
  })
})
