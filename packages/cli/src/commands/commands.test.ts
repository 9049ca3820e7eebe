import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decode, jpegCodec, pngCodec, sniff } from '@imgproc/codecs'
import { initNode } from '@imgproc/codecs/node'
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
    const input = join(dir, 'font-in')
    await mkdir(input, { recursive: true })
    await writeFile(join(input, 'a.jpg'), jpeg)
    const batch = captureIo()
    expect(await main(['batch', input, text, '-o', join(dir, 'font-out'), '--font', font, '-j', '1'], batch), batch.err()).toBe(0)
    expect(Buffer.compare(new Uint8Array(await readFile(join(dir, 'font-out', 'a.png'))), io.outBytes())).toBe(0)
  })
})
