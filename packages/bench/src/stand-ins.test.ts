import { readFile, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { describe, expect, it } from 'vitest'
import { probe } from '@imgproc/codecs'
import { drawStandIn, writeStandIns } from './stand-ins.js'

describe('generated stand-ins for the standard inputs', () => {
  it('draws opaque or graded-alpha pictures of the asked size', () => {
    const opaque = drawStandIn(40, 30, false)
    expect([opaque.width, opaque.height, opaque.data.length]).toEqual([40, 30, 40 * 30 * 4])
    expect(opaque.data.filter((_, i) => i % 4 === 3).every((a) => a === 255)).toBe(true)
    const alpha = drawStandIn(40, 30, true)
    const alphas = new Set(alpha.data.filter((_, i) => i % 4 === 3))
    expect(alphas.size).toBeGreaterThan(10)
  })

  it('writes a JPEG, a PNG with alpha and a WebP of the corpus sizes', async () => {
    const paths = await writeStandIns()
    try {
      const probed = await Promise.all(paths.map(async (p) => probe(new Uint8Array(await readFile(p)))))
      expect(probed.map((p) => [p.format, p.width, p.height])).toEqual([
        ['jpeg', 2725, 2225],
        ['png', 2048, 1536],
        ['webp', 1024, 772],
      ])
      expect(probed[1]!.hasAlpha).toBe(true)
    } finally {
      await rm(dirname(paths[0]!), { recursive: true, force: true })
    }
  }, 60_000)
})
