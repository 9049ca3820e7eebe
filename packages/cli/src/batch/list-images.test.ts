import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listImages, outputPath } from './list-images.js'

describe('listImages', () => {
  it('finds images recursively, sorted, and leaves out hidden files, others and the output folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'imgproc-list-'))
    await mkdir(join(dir, 'a/b'), { recursive: true })
    await mkdir(join(dir, 'out'))
    await mkdir(join(dir, '.cache'))
    for (const name of ['z.JPG', 'a/b/c.webp', 'a/x.png', 'notes.txt', '.hidden.png', 'out/done.png', '.cache/y.png']) await writeFile(join(dir, name), '')
    expect(await listImages(dir, join(dir, 'out'))).toEqual({ images: ['a/b/c.webp', 'a/x.png', 'z.JPG'], skipped: 1 })
  })
})

describe('outputPath', () => {
  it('swaps the extension for the written format', () => {
    expect(outputPath('/o', 'a/b.png', 'image/webp')).toBe('/o/a/b.webp')
    expect(outputPath('/o', 'b.jpg', 'application/json')).toBe('/o/b.json')
  })
  it('keeps the source spelling when the format is unchanged', () => {
    expect(outputPath('/o', 'b.jpeg', 'image/jpeg')).toBe('/o/b.jpeg')
    expect(outputPath('/o', 'b.JPG', 'image/jpeg')).toBe('/o/b.JPG')
  })
})
