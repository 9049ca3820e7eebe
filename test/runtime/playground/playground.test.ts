import { mkdir } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { encodeBase64Url } from '@imgproc/grammar'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bothDone, chromium, paneImageSize, skipChromium, startPlayground, typeAndWait, type PlaygroundFixture } from './playground-fixture.js'

// The playground end to end: the page served by its handler on loopback, the browser bundle
// built from source, the engine running both in Chromium (WASM) and in this process (the
// server side), driven by playwright-core. A screenshot is kept in test-artifacts/.
const artifacts = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test-artifacts')
if (skipChromium) console.warn(`playground: skipping: ${chromium.missing}`)

const TEXT = `image/resize,w_300/watermark,text_${encodeBase64Url('imgproc')},size_30,g_center`
/** CJK, Latin and Arabic in a font name the server has no file for: the bundled fonts draw it, shaped, on both sides. */
const BUNDLED_TEXT = `image/resize,w_300/watermark,text_${encodeBase64Url('图片服务 imgproc مرحبا')},type_${encodeBase64Url('fangzhengkaiti')},size_24,g_center`

describe.skipIf(skipChromium)('playground in headless Chromium', () => {
  let textReady = false
  let fixture: PlaygroundFixture
  let page: Page

  beforeAll(async () => {
    fixture = await startPlayground()
    textReady = await fixture.processor.process({ source: fixture.demo, process: TEXT, dialect: 'oss', loadObject: async () => null }).then(() => true, (error: Error) => {
      console.warn(`playground: the text watermark test waits: ${error.message}`)
      return false
    })
    page = await fixture.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${fixture.url}/-/playground`)
  })

  afterAll(async () => {
    await fixture?.close()
  })

  it('loads the page with the demo image and a valid example string', async () => {
    await expect(page.title()).resolves.toBe('imgproc playground')
    await page.waitForFunction(() => document.getElementById('source-info')!.textContent!.startsWith('demo.jpg'))
    await expect(page.textContent('#validation')).resolves.toMatch(/valid OSS process string/)
  })

  it('renders a typed string at the right size in both panes', async () => {
    const text = 'image/resize,m_fill,w_200,h_150/rotate,90/format,png'
    await typeAndWait(page, text)
    await bothDone(page, text)
    expect(await paneImageSize(page, 'pane-browser')).toEqual({ width: 150, height: 200 })
    expect(await paneImageSize(page, 'pane-server')).toEqual({ width: 150, height: 200 })
    await expect(page.textContent('#pane-browser [data-fact="size"]')).resolves.toBe('150\u00d7200')
    await expect(page.textContent('#pane-server [data-fact="size"]')).resolves.toBe('150\u00d7200')
    await expect(page.textContent('#pane-browser [data-fact="plan"]')).resolves.toMatch(/resize/)
    await mkdir(artifacts, { recursive: true })
    await page.screenshot({ path: resolve(artifacts, 'playground.png'), fullPage: true })
  })

  /** Both panes draw `text` on the demo image (300x188), the browser's bytes the server's; a screenshot kept as `shot`. */
  async function sameInBothPanes(text: string, shot: string): Promise<void> {
    await typeAndWait(page, text)
    await bothDone(page, text)
    expect(await paneImageSize(page, 'pane-browser')).toEqual({ width: 300, height: 188 })
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
    await typeAndWait(page, 'image/resize,w_0')
    await page.waitForFunction(() => document.getElementById('validation')!.className === 'error')
    const text = (await page.textContent('#validation'))!
    expect(text.split('\n')).toEqual([expect.stringMatching(/^InvalidArgument: .*w/), 'image/resize,w_0', `${' '.repeat(13)}^^^`])
    await expect(page.getAttribute('#process', 'class')).resolves.toContain('invalid')
    await page.screenshot({ path: resolve(artifacts, 'playground-error.png') })
  })
})
