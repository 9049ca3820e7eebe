import { existsSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decode, jpegCodec, pngCodec, sniff } from '@imgproc/codecs'
import { initNode } from '@imgproc/codecs/node'
import { bundledAssetPath } from '@imgproc/fonts/node'
import { createRawImage } from '@imgproc/types'
import { beforeAll, describe, expect, it } from 'vitest'
import { main } from '../cli.js'
import { captureIo } from '../testing-io.js'

// The commands on real images made by our own codecs, with the real engine.
function picture(width: number, height: number) {
  const image = createRawImage(width, height)
  for (let i = 0; i < image.data.length; i += 4) {
    const p = i / 4
    image.data[i] = (p % width) * 2
    image.data[i + 1] = Math.floor(p / width) * 3
    image.data[i + 2] = 90
    image.data[i + 3] = 255
  }
  return image
}

let dir: string
let jpeg: Uint8Array

beforeAll(async () => {
  await initNode()
  dir = await mkdtemp(join(tmpdir(), 'imgproc-cli-e2e-'))
  jpeg = await jpegCodec.encode(picture(120, 80), { quality: 85 })
  await writeFile(join(dir, 'photo.jpg'), jpeg)
})

describe('imgproc process', () => {
  it('writes the processed file with the size and format asked for', async () => {
    const io = captureIo()
    const out = join(dir, 'thumb.webp')
    expect(await main(['process', join(dir, 'photo.jpg'), 'image/resize,m_fill,w_60,h_30/rotate,90/format,webp', '-o', out], io), io.err()).toBe(0)
    const bytes = new Uint8Array(await readFile(out))
    expect(sniff(bytes)).toBe('webp')
    const { image } = await decode(bytes)
    expect([image.width, image.height]).toEqual([30, 60])
  })

  it("takes the format from -o's extension when the string has none; the string's format wins", async () => {
    const io = captureIo()
    expect(await main(['process', join(dir, 'photo.jpg'), 'image/resize,w_50', '-o', join(dir, 'named.png')], io), io.err()).toBe(0)
    expect(sniff(new Uint8Array(await readFile(join(dir, 'named.png'))))).toBe('png')
    expect(io.err()).toBe('')
    const told = captureIo()
    expect(await main(['process', join(dir, 'photo.jpg'), 'image/resize,w_50/format,webp', '-o', join(dir, 'told.png')], told), told.err()).toBe(0)
    expect(sniff(new Uint8Array(await readFile(join(dir, 'told.png'))))).toBe('webp')
    expect(told.err()).toMatch(/^imgproc: note: .*told\.png gets webp bytes/)
  })

  it('refuses image bytes on a standard output already written to (pnpm banner), naming the remedy', async () => {
    const io = captureIo(jpeg)
    Object.assign(io.stdout, { refuseBytes: 'pnpm printed its banner there first; run pnpm -s imgproc' })
    expect(await main(['process', '-', 'image/format,png'], io)).toBe(1)
    expect(io.err()).toMatch(/^imgproc: BadRequest: Not writing image\/png bytes to standard output: pnpm printed its banner/)
    expect(io.outBytes()).toHaveLength(0)
  })

  it('reads stdin and writes stdout', async () => {
    const io = captureIo(jpeg)
    expect(await main(['process', '-', 'image/format,png'], io), io.err()).toBe(0)
    expect(sniff(io.outBytes())).toBe('png')
  })

  it('prints info JSON and average-hue JSON', async () => {
    const io = captureIo()
    expect(await main(['process', join(dir, 'photo.jpg'), 'image/average-hue'], io), io.err()).toBe(0)
    expect(JSON.parse(io.out())).toEqual({ RGB: expect.stringMatching(/^0x[0-9a-f]{6}$/) })
    const info = captureIo()
    expect(await main(['info', join(dir, 'photo.jpg')], info), info.err()).toBe(0)
    expect(JSON.parse(info.out())).toMatchObject({ ImageWidth: { value: '120' }, ImageHeight: { value: '80' }, Format: { value: 'jpg' } })
  })

  it('follows --dialect obs (flat info JSON, # colour)', async () => {
    const info = captureIo()
    expect(await main(['info', '--dialect', 'obs', join(dir, 'photo.jpg')], info), info.err()).toBe(0)
    expect(JSON.parse(info.out())).toMatchObject({ format: 'JPEG', width: 120, height: 80 })
    const hue = captureIo()
    expect(await main(['process', join(dir, 'photo.jpg'), 'image/average-hue', '--dialect', 'obs'], hue), hue.err()).toBe(0)
    expect(JSON.parse(hue.out())).toEqual({ RGB: expect.stringMatching(/^#[0-9A-F]{6}$/) })
  })

  it('fails with exit 1 and the OSS code for a file that is not an image', async () => {
    await writeFile(join(dir, 'notes.jpg'), 'hello')
    const io = captureIo()
    expect(await main(['process', join(dir, 'notes.jpg'), 'image/rotate,90', '-o', join(dir, 'x.jpg')], io)).toBe(1)
    expect(io.err()).toMatch(/^imgproc: \w+: /)
    expect(await readdir(dir)).not.toContain('x.jpg')
  })
})

describe('imgproc explain --input', () => {
  it('adds the engine plan for the image, with sizes', async () => {
    const io = captureIo()
    expect(await main(['explain', 'image/resize,w_60/rotate,90', '--input', join(dir, 'photo.jpg')], io), io.err()).toBe(0)
    expect(io.out()).toMatch(/^1\. resize: /)
    expect(io.out()).toMatch(/Plan for .*photo\.jpg:\n/)
    expect(io.out()).toMatch(/120x80 -> 60x40/)
  })
})

describe('imgproc batch', () => {
  it('processes a folder, lists the failed file with its reason, and leaves no partial output', async () => {
    const input = join(dir, 'batch-in')
    await mkdir(join(input, 'sub'), { recursive: true })
    await writeFile(join(input, 'a.jpg'), jpeg)
    await writeFile(join(input, 'sub', 'b.png'), await pngCodec.encode(picture(40, 20)))
    await writeFile(join(input, 'broken.jpg'), 'not an image')
    const out = join(dir, 'batch-out')
    const io = captureIo()
    expect(await main(['batch', input, 'image/resize,w_20/format,webp', '-o', out, '-j', '2'], io)).toBe(1)
    expect(io.err()).toMatch(/2 written, 1 failed/)
    expect(io.err()).toMatch(/Failed:\n {2}broken\.jpg: \w+: /)
    expect((await readdir(out, { recursive: true })).sort()).toEqual(['a.webp', 'sub', 'sub/b.webp'])
    const { image } = await decode(new Uint8Array(await readFile(join(out, 'sub', 'b.webp'))))
    expect([image.width, image.height]).toEqual([20, 10])
  })
})

/** `imgproc batch` on a folder holding photo.jpg as a.jpg, in one worker thread: the PNG it wrote. */
async function batchOfOne(name: string, text: string, args: string[]): Promise<Uint8Array> {
  const input = join(dir, `${name}-in`)
  await mkdir(input, { recursive: true })
  await writeFile(join(input, 'a.jpg'), jpeg)
  const batch = captureIo()
  expect(await main(['batch', input, text, '-o', join(dir, `${name}-out`), ...args, '-j', '1'], batch), batch.err()).toBe(0)
  return new Uint8Array(await readFile(join(dir, `${name}-out`, 'a.png')))
}

describe('imgproc --font', () => {
  const font = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'
  const text = `image/watermark,text_${btoa('imgproc').replace(/=+$/, '')},size_20,g_center/format,png`

  it('refuses a font file it cannot read before reading the image (exit 2)', async () => {
    const io = captureIo()
    expect(await main(['process', join(dir, 'photo.jpg'), text, '-o', '-', '--font', '/nonexistent.ttf'], io)).toBe(2)
    expect(io.err()).toMatch(/^imgproc: BadRequest: Cannot read the font file \/nonexistent\.ttf/)
  })

  it.skipIf(!existsSync(font))('draws a text watermark with the given font, in process and in batch worker threads', async () => {
    const plain = captureIo()
    expect(await main(['process', join(dir, 'photo.jpg'), 'image/format,png'], plain), plain.err()).toBe(0)
    const io = captureIo()
    const code = await main(['process', join(dir, 'photo.jpg'), text, '--font', font], io)
    if (code === 3) {
      // the engine cannot draw text in this build (typed NotImplemented, said so)
      expect(io.err()).toMatch(/^imgproc: NotImplemented: /)
      return
    }
    expect(code, io.err()).toBe(0)
    expect(sniff(io.outBytes())).toBe('png')
    expect(Buffer.compare(io.outBytes(), plain.outBytes())).not.toBe(0)
    expect(Buffer.compare(await batchOfOne('font', text, ['--font', font]), io.outBytes())).toBe(0)
  })
})

describe('imgproc process and batch --font-dir', () => {
  it('draws text with the fonts bundled with imgproc, and with a folder\u2019s font first when given one', async () => {
    const text = `image/watermark,text_${btoa('imgproc').replace(/=+$/, '')},size_20,g_center/format,png`
    const bundled = captureIo()
    expect(await main(['process', join(dir, 'photo.jpg'), text], bundled), bundled.err()).toBe(0)
    const plain = captureIo()
    expect(await main(['process', join(dir, 'photo.jpg'), 'image/format,png'], plain), plain.err()).toBe(0)
    expect(Buffer.compare(bundled.outBytes(), plain.outBytes())).not.toBe(0)
    // the folder's wqy-zenhei (Noto Sans Arabic: no Latin letters, a taller line box) comes first
    const fonts = join(dir, 'fonts')
    await mkdir(fonts, { recursive: true })
    await copyFile(bundledAssetPath('noto-sans-arabic-arabic-400-normal.woff'), join(fonts, 'wqy-zenhei.woff'))
    const folder = captureIo()
    expect(await main(['process', join(dir, 'photo.jpg'), text, '--font-dir', fonts], folder), folder.err()).toBe(0)
    expect(sniff(folder.outBytes())).toBe('png')
    expect(Buffer.compare(folder.outBytes(), bundled.outBytes())).not.toBe(0)
    // batch's worker threads read the same folder
    expect(Buffer.compare(await batchOfOne('font-dir', text, ['--font-dir', fonts]), folder.outBytes())).toBe(0)
  })
})
