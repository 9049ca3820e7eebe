import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createNodeEngine, fontsFromDirectory } from './node.js'
import { generatedJpeg } from '../node-test-fixtures.js'

describe('node runtime entry', () => {
  it('creates a working engine with codecs initialised', async () => {
    const engine = await createNodeEngine()
    const result = await engine.process(await generatedJpeg(40, 30), 'image/resize,w_20')
    expect(result).toMatchObject({ kind: 'image', width: 20, height: 15 })
  })
  it('reads fonts by OSS name from a directory, null when absent or unsafe', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fonts-'))
    writeFileSync(join(dir, 'wqy-zenhei.ttc'), new Uint8Array([1, 2, 3]))
    const fonts = fontsFromDirectory(dir)
    expect(await fonts('wqy-zenhei')).toEqual(new Uint8Array([1, 2, 3]))
    expect(await fonts('fangzhengkaiti')).toBeNull()
    expect(await fonts('../etc/passwd')).toBeNull()
  })
})
