// The adapter between the server's ImageProcessor and @imgproc/engine, against a stand-in
// engine module: job fields reach the engine, results come back as body + content type, and
// watermark loads go through the job's own (caller-bound) loader, never one of the engine's.
import { describe, expect, it, vi } from 'vitest'

type Loader = (key: string, bucket?: string) => Promise<Uint8Array | null>
const calls: Array<{ bytes: Uint8Array; process: string; dialect: string }> = []
const engineOptions: unknown[] = []
vi.mock('@imgproc/engine', () => ({
  createEngine: (options: unknown) => {
    engineOptions.push(options)
    return {
      async process(bytes: Uint8Array, process: string, { dialect, loadObject }: { dialect: string; loadObject?: Loader }) {
        calls.push({ bytes, process, dialect })
        if (process.startsWith('image/watermark')) {
          const own = await loadObject?.('mark.png')
          const other = await loadObject?.('mark.png', 'other')
          return { bytes: new Uint8Array([...(own ?? []), ...(other ?? [])]), mimeType: 'image/png' }
        }
        return { bytes: new Uint8Array([9]), mimeType: 'image/webp' }
      },
      async plan(bytes: Uint8Array, process: string, options: { dialect: string; loadObject?: Loader }) {
        return { peak: bytes.byteLength, process, options }
      },
      async run(plan: { process: string; options: { dialect: string; loadObject?: Loader } }, bytes: Uint8Array) {
        return this.process(bytes, plan.process, plan.options)
      },
    }
  },
  estimatePeakBytes: (plan: { peak: number }) => plan.peak * 1000,
}))

const { createProcessor } = await import('./engine-processor.js')
const { noObjects, ReservationDeferred } = await import('./processor.js')
const { ImgError } = await import('@imgproc/types')

describe('createProcessor (engine adapter)', () => {
  it('passes the job to the engine and maps its result', async () => {
    const processor = createProcessor()
    const output = await processor.process({ source: new Uint8Array([1]), process: 'image/resize,w_1', dialect: 'obs', loadObject: noObjects })
    expect(output).toEqual({ body: new Uint8Array([9]), contentType: 'image/webp' })
    expect(calls.at(-1)).toMatchObject({ process: 'image/resize,w_1', dialect: 'obs' })
  })

  it("reads watermark objects only through the job's loader; the engine has none of its own", async () => {
    const loads: string[] = []
    const loadObject: Loader = async (key, bucket = 'src') => {
      loads.push(`${bucket}/${key}`)
      return new Uint8Array([bucket === 'src' ? 1 : 2])
    }
    const processor = createProcessor()
    const output = await processor.process({ source: new Uint8Array(), process: 'image/watermark,image_x', dialect: 'oss', loadObject })
    expect([...output.body]).toEqual([1, 2])
    expect(loads).toEqual(['src/mark.png', 'other/mark.png'])
    for (const options of engineOptions) expect(options).not.toHaveProperty('loadObject')
  })

  it('asks for the planned peak memory once, before running the plan', async () => {
    const before = calls.length
    const asked: number[] = []
    const processor = createProcessor()
    const reserve = async (bytes: number) => (asked.push(bytes), true)
    const output = await processor.process({ source: new Uint8Array(3), process: 'image/resize,w_1', dialect: 'oss', loadObject: noObjects, reserve })
    expect(asked).toEqual([3000])
    expect(output.contentType).toBe('image/webp')
    expect(calls.length).toBe(before + 1)
  })

  it('stops before running when the memory is not free, handing the source back untouched', async () => {
    const before = calls.length
    const source = new Uint8Array([7, 7, 7, 7])
    const processor = createProcessor()
    const refused = processor.process({ source, process: 'image/resize,w_1', dialect: 'oss', loadObject: noObjects, reserve: async () => false })
    await expect(refused).rejects.toBeInstanceOf(ReservationDeferred)
    const deferred = (await refused.catch((error: unknown) => error)) as InstanceType<typeof ReservationDeferred>
    expect(deferred.bytes).toBe(4000)
    expect(deferred.source).toBe(source)
    expect(calls.length).toBe(before)
  })

  it("rejects with the budget's own error when the job can never fit, running nothing", async () => {
    const before = calls.length
    const processor = createProcessor()
    const tooLarge = new ImgError('ImageTooLarge', 'never fits')
    const job = { source: new Uint8Array(2), process: 'image/resize,w_1', dialect: 'oss' as const, loadObject: noObjects, reserve: () => Promise.reject(tooLarge) }
    await expect(processor.process(job)).rejects.toBe(tooLarge)
    expect(calls.length).toBe(before)
  })
})
