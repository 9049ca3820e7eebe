/**
 * The GIF probe reports the canvas decode will use: the logical screen up to 2048 a side, the
 * frames' extent beyond that or at 0 (./gif-canvas.ts), found without reading any LZW data.
 */
import { describe, expect, it } from 'vitest'
import { fixtureGif, literalLzw } from '../formats/gif.fixture.js'
import { probeGif } from './gif.js'

const size = (bytes: Uint8Array) => {
  const { width, height } = probeGif(bytes)
  return [width, height]
}

describe('GIF probe: canvas size', () => {
  it('reports the frames, not a 15000x15000 screen around them (issue 12)', () => {
    const bytes = fixtureGif({ width: 15_000, height: 15_000 }, [{ left: 0, top: 0, width: 1, height: 1 }])
    expect(bytes.length).toBeLessThan(64)
    expect(size(bytes)).toEqual([1, 1])
    expect(probeGif(bytes).screen).toEqual({ width: 15_000, height: 15_000 })
    expect(size(fixtureGif({ width: 15_000, height: 15_000 }, [{ left: 20, top: 30, width: 10, height: 10 }]))).toEqual([30, 40])
  })

  it('takes the union of every frame of an animation', () => {
    const frames = [
      { left: 0, top: 5, width: 10, height: 10 },
      { left: 40, top: 0, width: 4, height: 3 },
      { left: 3, top: 60, width: 2, height: 2 },
    ]
    expect(size(fixtureGif({ width: 20_000, height: 100 }, frames))).toEqual([44, 62])
  })

  it('keeps an ordinary screen, and any screen up to 2048 a side, even around a small frame', () => {
    expect(size(fixtureGif({ width: 300, height: 200 }, [{ left: 10, top: 20, width: 10, height: 10 }]))).toEqual([300, 200])
    expect(size(fixtureGif({ width: 2048, height: 2048 }, [{ left: 0, top: 0, width: 1, height: 1 }]))).toEqual([2048, 2048])
    expect(size(fixtureGif({ width: 640, height: 480 }, [{ left: 0, top: 0, width: 1, height: 1 }]))).toEqual([640, 480])
  })

  it('does not believe a screen past 2048 on either side, or of 0', () => {
    const frame = { left: 2, top: 3, width: 5, height: 5 }
    expect(size(fixtureGif({ width: 2049, height: 10 }, [frame]))).toEqual([7, 8])
    expect(size(fixtureGif({ width: 10, height: 2049 }, [frame]))).toEqual([7, 8])
    expect(size(fixtureGif({ width: 0, height: 0 }, [frame]))).toEqual([7, 8])
    expect(size(fixtureGif({ width: 0, height: 0 }, [{ left: 0, top: 0, width: 0, height: 0, lzw: literalLzw([]) }]))).toEqual([1, 1])
  })

  it('flags a frame whose LZW data cannot fill it, without decoding', () => {
    const huge = fixtureGif({ width: 100, height: 100 }, [
      { left: 0, top: 0, width: 1, height: 1 },
      { left: 0, top: 0, width: 15_000, height: 15_000, lzw: literalLzw([1]) },
    ])
    expect(size(huge)).toEqual([100, 100])
    expect(probeGif(huge).starved).toMatchObject({ index: 1, width: 15_000, height: 15_000 })
    expect(probeGif(fixtureGif({ width: 100, height: 100 }, [{ left: 0, top: 0, width: 100, height: 100 }])).starved).toBeUndefined()
  })
})
