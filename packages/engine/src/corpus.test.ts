import { readdirSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { ImgError } from '@imgproc/types'
import { createEngine } from './engine.js'
import { CORPUS, corpusFile, generatedPng, hasCorpus, setupCodecs } from './node-test-fixtures.js'
import { b64url as b64 } from './node-test-fixtures.js'

const FOLDERS = ['jpeg', 'png', 'gif', 'webp', 'avif', 'oss', 'bench']
const files = hasCorpus ? FOLDERS.flatMap((folder) => readdirSync(`${CORPUS}/${folder}`).map((name) => `${folder}/${name}`)) : []
const CHAIN = `image/auto-orient,1/resize,w_200/watermark,image_${b64('mark.png')},g_se/format,webp`

let mark: Uint8Array
const engine = createEngine({ loadObject: async (key) => (key === 'mark.png' ? mark : null) })

describe.skipIf(!hasCorpus)('every corpus image through auto-orient, resize, watermark, format webp', () => {
  if (!hasCorpus) console.warn('shared corpus absent: corpus chain test skipped')
  beforeAll(async () => {
    await setupCodecs()
    mark = await generatedPng(40, 20)
  })
  it.each(files)('%s gives a WebP or a typed error', async (path) => {
    const bytes = corpusFile(path)!
    try {
      const result = await engine.process(bytes, CHAIN)
      expect(result.kind).toBe('image')
      if (result.kind === 'image') {
        expect(result.format).toBe('webp')
        expect(result.width).toBeLessThanOrEqual(200)
      }
    } catch (error) {
      expect(error).toBeInstanceOf(ImgError)
      expect((error as ImgError).status).toBeLessThan(600)
      expect(['BadRequest', 'ImageTooLarge', 'NotImplemented', 'BadWebPImage', 'InvalidArgument']).toContain((error as ImgError).code)
    }
    // Memory stays bounded: limits refuse the giants from their headers before any decode.
    expect(process.memoryUsage().rss).toBeLessThan(4 * 1024 ** 3)
  })
})
