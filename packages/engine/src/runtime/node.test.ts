import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decode, encode } from '@imgproc/codecs'
import { createNodeFontProvider } from '@imgproc/ops/node'
import type { RawImage } from '@imgproc/types'
import { describe, expect, it } from 'vitest'
import type { Engine } from '../engine.js'
import { b64url, generatedJpeg, setupCodecs } from '../node-test-fixtures.js'
import { createNodeEngine, fontsFromDirectory } from './node.js'

const WQY = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc'

/** A provider over an empty folder: the engine sees no system fonts at all. */
function noSystemFonts() {
  return createNodeFontProvider({ roots: [mkdtempSync(join(tmpdir(), 'no-fonts-'))] })
}

/** `text` drawn by the engine in black on white, 40 px at the top left (g_nw, x_0, y_0). */
async function drawn(engine: Engine, text: string, type = 'wqy-zenhei'): Promise<RawImage> {
  await setupCodecs()
  const white = await encode({ width: 360, height: 60, data: new Uint8ClampedArray(360 * 60 * 4).fill(255) }, 'png', {})
  const result = await engine.process(white, `image/watermark,text_${b64url(text)},type_${b64url(type)},size_40,g_nw,x_0,y_0,color_000000/format,png`)
  return (await decode((result as { bytes: Uint8Array }).bytes)).image
}

/** Dark pixels in the image. */
function ink(image: RawImage): number {
  let dark = 0
  for (let i = 0; i < image.data.length; i += 4) if (image.data[i]! < 128) dark++
  return dark
}

describe('node runtime entry', () => {
  it('creates a working engine with codecs initialised', async () => {
    const engine = await createNodeEngine()
    const result = await engine.process(await generatedJpeg(40, 30), 'image/resize,w_20')
    expect(result).toMatchObject({ kind: 'image', width: 20, height: 15 })
  })

  it('draws ASCII and CJK text watermarks with no system fonts (section 11 case 6): the bundled fonts', async () => {
    const engine = await createNodeEngine({ systemFonts: noSystemFonts() })
    const bytes = await generatedJpeg(400, 267)
    expect(await engine.process(bytes, 'image/watermark,text_SGVsbG8g5Zu-54mH5pyN5YqhIQ')).toMatchObject({ kind: 'image', format: 'jpeg', width: 400, height: 267 })
    const shadowed = await engine.process(bytes, 'image/watermark,text_SGVsbG8g5Zu-54mH5pyN5YqhIQ,size_30,shadow_50,rotate_20,color_FF0000,fill_1/format,png')
    expect(shadowed).toMatchObject({ kind: 'image', format: 'png', width: 400, height: 267 })
    // real glyphs, not empty boxes: each character draws its own shape, a missing one draws the same box each time
    const hello = await drawn(engine, 'Hello')
    const [tu, pian] = [await drawn(engine, '图'), await drawn(engine, '片')]
    const missing = [await drawn(engine, '\u{10FFFD}'), await drawn(engine, '\u{10FFFC}')]
    expect(ink(hello)).toBeGreaterThan(300)
    expect(ink(tu)).toBeGreaterThan(150)
    expect(ink(tu)).not.toBe(ink(pian))
    expect(ink(missing[0]!)).toBe(ink(missing[1]!))
    expect(ink(tu)).not.toBe(ink(missing[0]!))
  })

  it('reads fonts by OSS name from a directory (.ttf, .otf, .ttc, .otc, .woff), null when absent or unsafe', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fonts-'))
    writeFileSync(join(dir, 'wqy-zenhei.ttc'), new Uint8Array([1, 2, 3]))
    writeFileSync(join(dir, 'latin-sans.woff'), new Uint8Array([4]))
    const fonts = fontsFromDirectory(dir)
    expect(await fonts('wqy-zenhei')).toEqual(new Uint8Array([1, 2, 3]))
    expect(await fonts('latin-sans')).toEqual(new Uint8Array([4]))
    expect(await fonts('fangzhengkaiti')).toBeNull()
    expect(await fonts('../etc/passwd')).toBeNull()
  })

  it("hands a font folder's font to the renderer before the bundled ones", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fonts-'))
    writeFileSync(join(dir, 'fangzhengkaiti.ttf'), new Uint8Array([7, 7]))
    const seen: Uint8Array[][] = []
    const engine = await createNodeEngine({
      fontDir: dir,
      systemFonts: false,
      pixels: { renderText: (spec) => (seen.push([spec.font, ...(spec.fallbacks ?? [])]), { width: 1, height: 1, data: new Uint8ClampedArray(4) }) },
    })
    await engine.process(await generatedJpeg(40, 30), `image/watermark,text_${b64url('Hi')},type_${b64url('fangzhengkaiti')}`)
    expect(seen[0]![0]).toEqual(new Uint8Array([7, 7]))
    expect(seen[0]!.length).toBe(2) // then the bundled Latin file
  })
})

// Debian's fonts-wqy-zenhei ships WenQuanYi Zen Hei only as a .ttc collection
describe.skipIf(!existsSync(WQY))('a font folder holding a .ttc collection', () => {
  it("draws with the folder's font (WenQuanYi), not the bundled one (Noto Sans SC)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fonts-'))
    copyFileSync(WQY, join(dir, 'wqy-zenhei.ttc'))
    const fromFolder = await drawn(await createNodeEngine({ fontDir: dir, systemFonts: false }), '图片服务')
    const bundled = await drawn(await createNodeEngine({ systemFonts: false }), '图片服务')
    expect(ink(fromFolder)).toBeGreaterThan(300)
    expect(ink(fromFolder)).not.toBe(ink(bundled))
  })
})
if (!existsSync(WQY)) console.warn(`[engine node] SKIPPED the .ttc font folder case: ${WQY} missing; install it with: apt-get install -y fonts-wqy-zenhei`)
