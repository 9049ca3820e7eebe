/**
 * The fonts-hidden check's parts: two CJK text watermarks (different characters, same length) and
 * the plain resize, made by the installed engine with no options inside a mount namespace where
 * every font folder is an empty tmpfs (hidden-fonts.ts). The script reports any font file it can
 * still see and every string that failed; the test compares the pixels.
 */
import { encodeBase64Url } from '@imgproc/grammar'
import type { RawImage } from '@imgproc/types'

export function cjkWatermarkStrings(): { plain: string; first: string; second: string } {
  const mark = (text: string) => `image/resize,w_400/watermark,text_${encodeBase64Url(text)},size_48,color_000000,g_center/format,png`
  return { plain: 'image/resize,w_400/format,png', first: mark('图片处理'), second: mark('你好世界') }
}

/** Run as `node watermark.mjs '{"folders": [...], "strings": {...}}'` in the installed project. */
export const WATERMARK_SCRIPT = `import { readdirSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createEngine } from '@imgproc/engine'

const { folders, strings } = JSON.parse(process.argv[2])
const list = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(join(dir, e.name)) : [join(dir, e.name)]))
const visible = folders.flatMap(list)
const engine = createEngine()
const photo = await readFile('photo.jpg')
const failed = {}
for (const [name, process] of Object.entries(strings)) {
  try {
    await writeFile(name + '.png', (await engine.process(photo, process)).bytes)
  } catch (error) {
    failed[name] = (error.code ? error.code + ': ' : '') + error.message
  }
}
console.log(JSON.stringify({ visible, failed }))
`

/** How many pixels of two same-sized images differ by more than a little (any channel). */
export function differingPixels(a: RawImage, b: RawImage): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`sizes differ: ${a.width}x${a.height} and ${b.width}x${b.height}`)
  let count = 0
  for (let i = 0; i < a.data.length; i += 4) {
    if (Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!) > 24) count++
  }
  return count
}
