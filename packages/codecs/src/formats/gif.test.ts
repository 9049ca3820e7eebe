/**
 * GIF decode on the canvas of ../probe/gif-canvas.ts (issue 12, "legal-size bombs"): a GIF whose
 * logical screen is far larger than its frames costs what its frames cost, decodes to the size
 * probe reports, and never allocates more than that canvas; a frame its LZW data cannot fill is
 * refused before anything is allocated. Ordinary GIFs decode as before.
 */
import { ImgError, type RawImage } from '@imgproc/types'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { probeGif } from '../probe/gif.js'
import { FIXTURE_PALETTE, fixtureGif, literalLzw, type FixtureFrame } from './gif.fixture.js'
import { gifCodec } from './gif.js'

const BOMB_SCREEN = { width: 15_000, height: 15_000 }

/**
 * Runs a synchronous piece of work and returns the largest Uint8Array or Uint8ClampedArray it
 * created with `new` (omggif's index buffer, our canvas): the global constructors are wrapped for
 * the duration. Copies by `slice()` are not seen; ours copy the canvas, so they are no larger.
 */
function largestAllocation(run: () => void): number {
  const originals = { Uint8Array: globalThis.Uint8Array, Uint8ClampedArray: globalThis.Uint8ClampedArray }
  let largest = 0
  const watch = <T extends Uint8ArrayConstructor | Uint8ClampedArrayConstructor>(ctor: T): T =>
    new Proxy(ctor, {
      construct(target, args, newTarget) {
        const [source, , length] = args as [unknown, unknown, number | undefined]
        const bytes = typeof source === 'number' ? source : source instanceof ArrayBuffer ? (length ?? source.byteLength) : ((source as ArrayLike<number> | undefined)?.length ?? 0)
        largest = Math.max(largest, bytes)
        return Reflect.construct(target, args, newTarget === proxy ? target : newTarget) as object
      },
    })
  let proxy: unknown
  try {
    globalThis.Uint8Array = proxy = watch(originals.Uint8Array)
    globalThis.Uint8ClampedArray = watch(originals.Uint8ClampedArray)
    run()
  } finally {
    Object.assign(globalThis, originals)
  }
  return largest
}

/** Decodes synchronously (the GIF adapter never awaits) while watching allocations. */
function decodeWatched(bytes: Uint8Array, firstFrameOnly = false) {
  let result: ReturnType<typeof gifCodec.decode> | undefined
  const largest = largestAllocation(() => {
    result = gifCodec.decode(bytes, { firstFrameOnly })
  })
  return { result: result!, largest }
}

/** What the frames should look like: each painted in order over a transparent canvas. */
function painted(canvas: { width: number; height: number }, frames: readonly FixtureFrame[]): Uint8ClampedArray {
  const data = new Uint8ClampedArray(canvas.width * canvas.height * 4)
  for (const frame of frames) {
    for (let y = 0; y < frame.height; y++) {
      for (let x = 0; x < frame.width; x++) {
        const index = frame.indices?.[y * frame.width + x] ?? 1
        data.set([...FIXTURE_PALETTE[index]!, 255], ((frame.top + y) * canvas.width + frame.left + x) * 4)
      }
    }
  }
  return data
}

/** toEqual on typed arrays of this size is slow; the first differing byte says as much. */
function expectPixels(actual: Uint8ClampedArray, expected: Uint8ClampedArray): void {
  expect(actual.length).toBe(expected.length)
  expect(actual.findIndex((value, i) => value !== expected[i])).toBe(-1)
}

function expectImage(image: RawImage, width: number, height: number): void {
  expect([image.width, image.height, image.data.length]).toEqual([width, height, width * height * 4])
}

const ramp = (n: number) => Uint8Array.from({ length: n }, (_, i) => i % 4)

describe('GIF decode: a screen far larger than its frames', () => {
  it('decodes a 15000x15000 screen around a 1x1 frame to 1x1, fast and without a large buffer', async () => {
    const bytes = fixtureGif(BOMB_SCREEN, [{ left: 0, top: 0, width: 1, height: 1 }])
    const started = performance.now()
    const { result, largest } = decodeWatched(bytes)
    const { image, frames } = await result
    expect(performance.now() - started).toBeLessThan(1000) // ~10 s on the full screen before
    expectImage(image, 1, 1)
    expect(Array.from(image.data)).toEqual([255, 0, 0, 255])
    expect(frames).toBeUndefined()
    expect(largest).toBeLessThanOrEqual(Math.max(4, bytes.length)) // the canvas, or the copy of the file with its screen rewritten
  })

  it('decodes a 10x10 frame at an offset to the frames extent, with the same pixels', async () => {
    const frame = { left: 20, top: 30, width: 10, height: 10, indices: ramp(100) }
    const bytes = fixtureGif(BOMB_SCREEN, [frame])
    const { result, largest } = decodeWatched(bytes)
    const { image } = await result
    expectImage(image, 30, 40)
    expectPixels(image.data, painted({ width: 30, height: 40 }, [frame]))
    expect(largest).toBeLessThanOrEqual(30 * 40 * 4)
  })

  it('gives an animation the union of its frames, every frame that size', async () => {
    const first = { left: 0, top: 4, width: 6, height: 6, indices: ramp(36), delayCs: 5 }
    const second = { left: 30, top: 0, width: 3, height: 2, indices: ramp(6), delayCs: 7 }
    const bytes = fixtureGif({ width: 3000, height: 3000 }, [first, second])
    const decoded = await gifCodec.decode(bytes)
    expectImage(decoded.image, 33, 10)
    expect(decoded.frames?.map((f) => [f.image.width, f.image.height, f.delayMs])).toEqual([[33, 10, 50], [33, 10, 70]])
    expectPixels(decoded.frames![0]!.image.data, painted({ width: 33, height: 10 }, [first]))
    expectPixels(decoded.frames![1]!.image.data, painted({ width: 33, height: 10 }, [first, second]))
  })
})

describe('GIF decode: ordinary screens are kept', () => {
  it('decodes a 300x200 screen with frames inside as 300x200, allocating no more than before', async () => {
    const frames = [{ left: 10, top: 20, width: 10, height: 10, indices: ramp(100) }, { left: 250, top: 150, width: 50, height: 50 }]
    const bytes = fixtureGif({ width: 300, height: 200 }, frames)
    const { result, largest } = decodeWatched(bytes)
    const { image, frames: decodedFrames } = await result
    expectImage(image, 300, 200)
    expectPixels(decodedFrames![1]!.image.data, painted({ width: 300, height: 200 }, frames))
    expect(largest).toBe(300 * 200 * 4) // the canvas; the file itself is read in place
  })

  it('keeps a 2048x2048 screen around a 1x1 frame', async () => {
    const { image } = await gifCodec.decode(fixtureGif({ width: 2048, height: 2048 }, [{ left: 0, top: 0, width: 1, height: 1 }]))
    expectImage(image, 2048, 2048)
    expect(Array.from(image.data.subarray(0, 8))).toEqual([255, 0, 0, 255, 0, 0, 0, 0])
  })
})

describe('GIF decode: a frame its LZW data cannot fill', () => {
  const starving = (screen: { width: number; height: number }, side: number) =>
    fixtureGif(screen, [{ left: 0, top: 0, width: side, height: side, lzw: literalLzw([1, 2, 3]) }])

  it('is refused as BadRequest before its index buffer or the canvas exists', async () => {
    for (const [bytes, side] of [[starving(BOMB_SCREEN, 15_000), 15_000], [starving({ width: 2048, height: 2048 }, 2048), 2048]] as const) {
      expect(probeGif(bytes)).toMatchObject({ width: side, height: side })
      const { result, largest } = decodeWatched(bytes)
      const error = await result.then(() => undefined, (e: unknown) => e)
      expect(error).toBeInstanceOf(ImgError)
      expect(error).toMatchObject({ code: 'BadRequest', message: expect.stringMatching(/frame 1 declares .* bytes of LZW data can hold at most/) })
      expect(largest).toBeLessThan(1024)
    }
  })

  it('is refused only when decoded: the first frame alone still decodes', async () => {
    const bytes = fixtureGif({ width: 400, height: 400 }, [
      { left: 0, top: 0, width: 1, height: 1 },
      { left: 0, top: 0, width: 400, height: 400, lzw: literalLzw([1]) },
    ])
    expectImage((await gifCodec.decode(bytes, { firstFrameOnly: true })).image, 400, 400)
    await expect(gifCodec.decode(bytes)).rejects.toMatchObject({ code: 'BadRequest' })
  })
})

describe('GIF probe and decode agree (property)', () => {
  const side = fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 2049, max: 65_535 }), fc.constant(0))
  const frame = fc.record({
    left: fc.integer({ min: 0, max: 200 }),
    top: fc.integer({ min: 0, max: 200 }),
    width: fc.integer({ min: 1, max: 12 }),
    height: fc.integer({ min: 1, max: 12 }),
  }).chain((rect) => fc.uint8Array({ min: 0, max: 3, minLength: rect.width * rect.height, maxLength: rect.width * rect.height }).map((indices) => ({ ...rect, indices })))

  it('probe size = decode size = the believed screen or else the frames extent, within that canvas', async () => {
    await fc.assert(
      fc.asyncProperty(side, side, fc.array(frame, { minLength: 1, maxLength: 3 }), async (screenWidth, screenHeight, frames) => {
        const bytes = fixtureGif({ width: screenWidth, height: screenHeight }, frames)
        const extent = { width: Math.max(...frames.map((f) => f.left + f.width)), height: Math.max(...frames.map((f) => f.top + f.height)) }
        const trusted = screenWidth > 0 && screenHeight > 0 && screenWidth <= 2048 && screenHeight <= 2048
        const canvas = trusted ? { width: screenWidth, height: screenHeight } : extent
        const header = probeGif(bytes)
        expect([header.width, header.height]).toEqual([canvas.width, canvas.height])
        const { result, largest } = decodeWatched(bytes)
        const decoded = await result
        for (const { image } of decoded.frames ?? [decoded]) expectImage(image, canvas.width, canvas.height)
        // on a believed screen a frame larger than it still gets its own index buffer (checked against max(screen, 1 Mpx))
        expect(largest).toBeLessThanOrEqual(Math.max(canvas.width * canvas.height * 4, bytes.length, trusted ? header.maxFrameArea : 0))
        if (extent.width <= canvas.width && extent.height <= canvas.height) expectPixels(decoded.frames?.at(-1)?.image.data ?? decoded.image.data, painted(canvas, frames))
      }),
    )
  })
})
