import { existsSync } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { jpegCodec } from '@imgproc/codecs'
import { encodeBase64Url } from '@imgproc/grammar'
import { initNode } from '@imgproc/codecs/node'
import { readNodeAsset } from '@imgproc/fonts/node'
import * as esbuild from 'esbuild'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { locate, requireAll } from '../harness/binaries.js'
import { sourceAliases } from '../harness/bundle.js'
import { launchChromium } from '../harness/chromium.js'
import { serveFetch } from '../harness/serve-fetch.js'
import { smokeImage } from '../smoke/fixture.js'
import { SYSTEM_FONT } from '../smoke/font.js'
import { directUploadWork, engineProcessor } from './engine-processor.js'
import { loadPlayground } from './server-playground.js'

// The playground end to end: the page served by its handler on loopback, the browser bundle
// built from source, the engine running both in Chromium (WASM) and in this process (the
// server side), driven by playwright-core. A screenshot is kept in test-artifacts/.
const artifacts = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test-artifacts')
const chromium = locate('chromium')
const skip = chromium.missing !== undefined && !requireAll
if (skip) console.warn(`playground: skipping: ${chromium.missing}`)

const TEXT = `image/resize,w_300/watermark,text_${encodeBase64Url('imgproc')},size_30,g_center`
/** CJK, Latin and Arabic in a font name the server has no file for: the bundled fonts draw it, shaped, on both sides. */
const BUNDLED_TEXT = `image/resize,w_300/watermark,text_${encodeBase64Url('图片服务 imgproc مرحبا')},type_${encodeBase64Url('fangzhengkaiti')},size_24,g_center`

describe.skipIf(skip)('playground in headless Chromium', () => {
  let textReady = false
  let browser: Browser
  let page: Page
  let server: { url: string; close(): Promise<void> }

  beforeAll(async () => {
    await initNode()
    const demo = await jpegCodec.encode(smokeImage(640, 400), { quality: 85 })
    const playground = await loadPlayground()
    const assets = await playground.node.buildPlaygroundAssets({ esbuild, plugins: [sourceAliases], minify: false })
    // DejaVu Sans stands in for OSS's default font (wqy-zenhei), as in the runtime matrix
    const font = existsSync(SYSTEM_FONT) ? new Uint8Array(await readFile(SYSTEM_FONT)) : null
    const fonts = (name: string) => (name === 'wqy-zenhei' ? font : null)
    const processor = engineProcessor({ fonts })
    textReady = await processor.process({ source: demo, process: TEXT, dialect: 'oss', loadObject: async () => null }).then(() => true, (error: Error) => {
      console.warn(`playground: the text watermark test waits: ${error.message}`)
      return false
    })
    // as the server does (node-main.ts): the bundled fonts and hb.wasm where the browser's engine fetches them
    const handler = playground.handler.createPlaygroundHandler({ uploadWork: directUploadWork(processor), assets, demoImage: async () => demo, fonts, bundledFile: readNodeAsset })
    server = await serveFetch(handler)
    browser = await launchChromium(chromium.path!)
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${server.url}/-/playground`)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const paneImageSize = (id: string) =>
    page.evaluate((pane) => {
      const img = document.querySelector<HTMLImageElement>(`#${pane} img`)
      return img && img.complete ? { width: img.naturalWidth, height: img.naturalHeight } : null
    }, id)

  /** Waits until both panes have answered `text` and asserts both succeeded. */
  async function bothDone(text: string): Promise<void> {
    await page.waitForFunction(
      (expected) => ['pane-browser', 'pane-server'].every((id) => {
        const pane = document.getElementById(id)!
        return pane.dataset.process === expected && /^(done|failed)$/.test(pane.dataset.state!)
      }),
      text,
      { timeout: 30_000 },
    )
    for (const id of ['pane-browser', 'pane-server']) {
      const state = await page.getAttribute(`#${id}`, 'data-state')
      expect(state, `${id}: ${await page.textContent(`#${id} .view`)}`).toBe('done')
    }
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.pane img')].every((img) => img.complete && img.naturalWidth > 0))
  }

  async function typeAndWait(text: string): Promise<void> {
    await page.fill('#process', text)
    await page.waitForFunction(
      (expected) => (document.getElementById('process') as HTMLInputElement).value === expected && document.querySelector('#validation')!.textContent !== '',
      text,
    )
  }

  it('loads the page with the demo image and a valid example string', async () => {
    await expect(page.title()).resolves.toBe('imgproc playground')
    await page.waitForFunction(() => document.getElementById('source-info')!.textContent!.startsWith('demo.jpg'))
    await expect(page.textContent('#validation')).resolves.toMatch(/valid OSS process string/)
  })

  it('renders a typed string at the right size in both panes', async () => {
    const text = 'image/resize,m_fill,w_200,h_150/rotate,90/format,png'
    await typeAndWait(text)
    await bothDone(text)
    expect(await paneImageSize('pane-browser')).toEqual({ width: 150, height: 200 })
    expect(await paneImageSize('pane-server')).toEqual({ width: 150, height: 200 })
    await expect(page.textContent('#pane-browser [data-fact="size"]')).resolves.toBe('150\u00d7200')
    await expect(page.textContent('#pane-server [data-fact="size"]')).resolves.toBe('150\u00d7200')
    await expect(page.textContent('#pane-browser [data-fact="plan"]')).resolves.toMatch(/resize/)
    await mkdir(artifacts, { recursive: true })
    await page.screenshot({ path: resolve(artifacts, 'playground.png'), fullPage: true })
  })

  /** Both panes draw `text` on the demo image (300x188), the browser's bytes the server's; a screenshot kept as `shot`. */
  async function sameInBothPanes(text: string, shot: string): Promise<void> {
    await typeAndWait(text)
    await bothDone(text)
    expect(await paneImageSize('pane-browser')).toEqual({ width: 300, height: 188 })
    const bytes = (id: string) => page.textContent(`#${id} [data-fact="bytes"]`)
    expect(await bytes('pane-browser')).toBe(await bytes('pane-server'))
    await page.screenshot({ path: resolve(artifacts, shot), fullPage: true })
  }

  it('draws a text watermark in the browser with the server font, the same bytes as the server', async (ctx) => {
    if (!textReady) ctx.skip()
    await sameInBothPanes(TEXT, 'playground-text.png')
  })

  it('draws CJK, Latin and Arabic with the bundled fonts in the browser (no server font for the name), the same bytes as the server', async () => {
    await sameInBothPanes(BUNDLED_TEXT, 'playground-bundled-fonts.png')
  })

  it('shows the grammar error with a caret for a bad string', async () => {
    await typeAndWait('image/resize,w_0')
    await page.waitForFunction(() => document.getElementById('validation')!.className === 'error')
    const text = (await page.textContent('#validation'))!
    expect(text.split('\n')).toEqual([expect.stringMatching(/^InvalidArgument: .*w/), 'image/resize,w_0', `${' '.repeat(13)}^^^`])
    await expect(page.getAttribute('#process', 'class')).resolves.toContain('invalid')
    await page.screenshot({ path: resolve(artifacts, 'playground-error.png') })
  })
})
