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
  it('renders a text watermark with the system fonts (section 11 case 6), when they are installed', async () => {
    const engine = await createNodeEngine()
    const bytes = await generatedJpeg(400, 267)
    try {
      const result = await engine.process(bytes, 'image/watermark,text_SGVsbG8g5Zu-54mH5pyN5YqhIQ')
      expect(result).toMatchObject({ kind: 'image', format: 'jpeg', width: 400, height: 267 })
      const shadowed = await engine.process(bytes, 'image/watermark,text_SGVsbG8g5Zu-54mH5pyN5YqhIQ,size_30,shadow_50,rotate_20,color_FF0000,fill_1/format,png')
      expect(shadowed).toMatchObject({ kind: 'image', format: 'png', width: 400, height: 267 })
    } catch (error) {
      // no Droid Sans Fallback on this machine: the engine must say so with a typed error
      expect(error).toMatchObject({ code: 'NotImplemented' })
      console.warn('system fonts absent: text watermark rendered nothing')
    }
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
