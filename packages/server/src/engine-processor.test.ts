// The adapter between the server's ImageProcessor and @imgproc/engine, against a stand-in
// engine module: job fields reach the engine, results come back as body + content type, and
// watermark loads are bound to the job's bucket.
import { describe, expect, it, vi } from 'vitest'

const calls: Array<{ bytes: Uint8Array; process: string; dialect: string }> = []
vi.mock('@imgproc/engine', () => ({
  createEngine: (options: { loadObject?: (key: string, bucket?: string) => Promise<Uint8Array | null> }) => ({
    async process(bytes: Uint8Array, process: string, { dialect }: { dialect: string }) {
      calls.push({ bytes, process, dialect })
      if (process.startsWith('image/watermark')) {
        const own = await options.loadObject?.('mark.png')
        const other = await options.loadObject?.('mark.png', 'other')
        return { bytes: new Uint8Array([...(own ?? []), ...(other ?? [])]), mimeType: 'image/png' }
      }
      return { bytes: new Uint8Array([9]), mimeType: 'image/webp' }
    },
  }),
}))

const { createProcessor } = await import('./engine-processor.js')

describe('createProcessor (engine adapter)', () => {
  it('passes the job to the engine and maps its result', async () => {
    const processor = createProcessor()
    const output = await processor.process({ source: new Uint8Array([1]), process: 'image/resize,w_1', dialect: 'obs', bucket: 'b' })
    expect(output).toEqual({ body: new Uint8Array([9]), contentType: 'image/webp' })
    expect(calls.at(-1)).toMatchObject({ process: 'image/resize,w_1', dialect: 'obs' })
  })

  it("binds watermark loads to the job's bucket unless the engine names another", async () => {
    const loads: string[] = []
    const processor = createProcessor({
      loadObject: async (bucket, key) => {
        loads.push(`${bucket}/${key}`)
        return new Uint8Array([bucket === 'src' ? 1 : 2])
      },
    })
    const output = await processor.process({ source: new Uint8Array(), process: 'image/watermark,image_x', dialect: 'oss', bucket: 'src' })
    expect([...output.body]).toEqual([1, 2])
    expect(loads).toEqual(['src/mark.png', 'other/mark.png'])
  })
})
