import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveProcessString } from './process-string.js'

describe('resolveProcessString', () => {
  it('passes a valid image/ string through, dropping a copied query key', async () => {
    expect(await resolveProcessString('x-oss-process=image/resize,w_100', 'oss')).toBe('image/resize,w_100')
  })
  it('throws the grammar error (with its span) for a bad string', async () => {
    await expect(resolveProcessString('image/resize,w_0', 'oss')).rejects.toMatchObject({ code: 'InvalidArgument', detail: { span: { start: 13, end: 16 } } })
  })
  it('resolves style/<name> and bare names (batch) from the styles file', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'imgproc-styles-')), 'styles.json')
    await writeFile(file, JSON.stringify({ thumb: 'image/resize,w_200' }))
    expect(await resolveProcessString('style/thumb', 'oss', file)).toBe('image/resize,w_200')
    expect(await resolveProcessString('thumb', 'oss', file, true)).toBe('image/resize,w_200')
    // empty segments, as the server reads them
    expect(await resolveProcessString('style/thumb/', 'oss', file)).toBe('image/resize,w_200')
    expect(await resolveProcessString('/style/thumb', 'oss', file)).toBe('image/resize,w_200')
    await expect(resolveProcessString('style/nope', 'oss', file)).rejects.toMatchObject({ code: 'NoSuchStyle' })
    await expect(resolveProcessString('style/thumb', 'oss')).rejects.toMatchObject({ code: 'NoSuchStyle' })
  })
})
