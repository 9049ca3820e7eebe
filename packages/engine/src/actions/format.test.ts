// `format,jpeg` (our alias of the documented `jpg`) and empty segments, end to end through the
// engine: the grammar reads them, so the engine sees the same plan as for the canonical spelling.
import { beforeAll, describe, expect, it } from 'vitest'
import { probe } from '@imgproc/codecs'
import { createEngine } from '../engine.js'
import type { ProcessResult } from '../run.js'
import { generatedPng, setupCodecs } from '../node-test-fixtures.js'

let png: Uint8Array
const engine = createEngine({ getStyle: async (name) => (name === 'slashed' ? '/image/resize,w_30//format,jpeg/' : null) })

beforeAll(async () => {
  await setupCodecs()
  png = await generatedPng(120, 80)
})

function output(result: ProcessResult) {
  if (result.kind !== 'image') throw new Error('expected an image')
  const header = probe(result.bytes)
  return { format: result.format, mimeType: result.mimeType, decoded: header.format, width: header.width }
}

describe('format,jpeg', () => {
  it.each(['oss', 'obs'] as const)('gives JPEG output from a PNG source (%s)', async (dialect) => {
    const result = output(await engine.process(png, 'image/format,jpeg', { dialect }))
    expect(result).toEqual({ format: 'jpeg', mimeType: 'image/jpeg', decoded: 'jpeg', width: 120 })
  })

  it('is the same output as format,jpg', async () => {
    const [alias, canonical] = await Promise.all([engine.process(png, 'image/format,jpeg'), engine.process(png, 'image/format,jpg')])
    expect(alias.kind === 'image' && canonical.kind === 'image' && Buffer.compare(alias.bytes, canonical.bytes)).toBe(0)
  })
})

describe('empty segments', () => {
  it('a trailing and repeated / in the process string and in a stored style are skipped', async () => {
    expect(output(await engine.process(png, '//image/resize,w_60//format,jpeg//'))).toMatchObject({ format: 'jpeg', width: 60 })
    expect(output(await engine.process(png, 'style/slashed/'))).toMatchObject({ format: 'jpeg', width: 30 })
  })
})
