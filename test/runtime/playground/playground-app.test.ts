import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bothDone, chromium, paneImageSize, skipChromium, startPlayground, typeAndWait, type PlaygroundFixture } from './playground-fixture.js'

// The playground as an app, in headless Chromium: the schema's controls and the string stay in
// step and re-render, the URL's hash restores the state, the download is the server's bytes, the
// layout fits 360 px, the page and bundle are served gzipped with cache headers. The first visit
// (navigation to the demo's results in both panes) is timed and written to test-artifacts/, a
// figure to read, never asserted (speed is measured in benchmarks/).
const artifacts = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test-artifacts')
if (skipChromium) console.warn(`playground app: skipping: ${chromium.missing}`)

const DEMO_STRING = 'image/resize,m_fill,w_300,h_200/rotate,90/quality,Q_80'

describe.skipIf(skipChromium)('playground app in headless Chromium', () => {
  let fixture: PlaygroundFixture
  let page: Page

  beforeAll(async () => {
    // minified, as the package's build writes it; image work in a worker thread, as the Node server does it
    fixture = await startPlayground({ minify: true, workers: true })
    page = await fixture.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
  })

  afterAll(async () => {
    await fixture?.close()
  })

  it('first visit: the example\'s result is preloaded and used; navigation to both panes\' results (timed, not asserted)', async () => {
    // a running server has its codecs loaded and its files compressed (at start): warm both, so
    // the figure is a new visitor's, not the server's first request
    // a copy: the worker pool takes over (transfers) the bytes it is given
    await fixture.processor.process({ source: fixture.demo.slice(), process: DEMO_STRING, dialect: 'oss', loadObject: async () => null })
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const fresh = await fixture.browser.newContext({ viewport: { width: 1280, height: 900 } })
    const first = await fresh.newPage()
    const asked: string[] = []
    first.on('request', (request) => asked.push(new URL(request.url()).pathname + new URL(request.url()).search))
    const started = performance.now()
    await first.goto(`${fixture.url}/-/playground`)
    await first.waitForFunction(() => document.getElementById('pane-server')!.dataset.state === 'done', undefined, { timeout: 30_000 })
    const serverShown = performance.now() - started
    await bothDone(first, DEMO_STRING)
    const ms = performance.now() - started
    // the page's own marks, from the navigation's start: what the visitor sees, without the driver's round trips
    const marks = await first.evaluate(() => ['server', 'browser'].map((pane) => performance.getEntriesByName(`imgproc:${pane}-pane-done`)[0]?.startTime ?? Number.NaN))
    await fresh.close()
    expect(marks.every((mark) => mark > 0)).toBe(true)
    // the example's result on the demo was asked for once: the page's preload, which the script's fetch took
    expect(asked.filter((path) => path.startsWith('/-/playground/demo.jpg?x-oss-process='))).toHaveLength(1)
    expect(asked.filter((path) => path.startsWith('/-/playground/process'))).toEqual([])
    await mkdir(artifacts, { recursive: true })
    const inPage = `in the page: server pane ${marks[0]!.toFixed(0)} ms, browser pane ${marks[1]!.toFixed(0)} ms`
    const figure = `first visit (cold browser cache): server result shown after ${serverShown.toFixed(0)} ms, both panes after ${ms.toFixed(0)} ms at the driver (${inPage}; benchmarks/playground.bench.ts measures it)`
    await writeFile(resolve(artifacts, 'playground-first-visit.txt'), `${figure}\n`)
    console.log(`playground: ${figure}`)
    expect(ms).toBeGreaterThan(0)
  })

  it('serves the page and app.js gzipped, with ETag and Cache-Control, and 304 on revalidation', async () => {
    for (const path of ['/-/playground', '/-/playground/app.js']) {
      const response = await fetch(`${fixture.url}${path}`, { headers: { 'accept-encoding': 'gzip' } })
      expect(response.headers.get('content-encoding'), path).toBe('gzip')
      expect(response.headers.get('cache-control'), path).toBe('no-cache')
      const etag = response.headers.get('etag')
      expect(etag, path).toMatch(/^"[0-9a-f]+-gz"$/)
      const again = await fetch(`${fixture.url}${path}`, { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag! } })
      expect(again.status, path).toBe(304)
      if (path.endsWith('app.js')) {
        // fetch decodes gzip itself: the length header is the wire size
        const wire = Number(response.headers.get('content-length'))
        const plain = (await response.arrayBuffer()).byteLength
        console.log(`playground: app.js ${plain} B, ${wire} B gzipped`)
        await writeFile(resolve(artifacts, 'playground-app-size.txt'), `app.js ${plain} B, ${wire} B gzipped\n`)
        expect(wire).toBeLessThan(plain / 2)
      }
    }
    const raw = await fetch(`${fixture.url}/-/playground`, { headers: { 'accept-encoding': 'identity' } })
    expect(raw.headers.get('content-encoding')).toBeNull()
    // what Chromium itself was sent for the page
    const navigation = await page.goto(`${fixture.url}/-/playground`)
    expect((await navigation!.allHeaders())['content-encoding']).toBe('gzip')
  })

  it('a control rewrites the string and re-renders the image; editing the string updates the controls', async () => {
    await bothDone(page, DEMO_STRING)
    const text = 'image/resize,m_fill,w_200,h_150/format,png'
    await typeAndWait(page, text)
    await bothDone(page, text)
    const width = page.locator('fieldset[data-action="resize"] [data-key="w"]')
    await expect(width.inputValue()).resolves.toBe('200')
    await expect(page.locator('fieldset[data-action="resize"] [data-key="m"]').inputValue()).resolves.toBe('fill')
    await width.fill('120')
    const changed = 'image/resize,m_fill,w_120,h_150/format,png'
    await expect(page.inputValue('#process')).resolves.toBe(changed)
    await bothDone(page, changed)
    expect(await paneImageSize(page, 'pane-browser')).toEqual({ width: 120, height: 150 })
    expect(await paneImageSize(page, 'pane-server')).toEqual({ width: 120, height: 150 })
    // choosing an action adds it, with what it needs to be valid
    await page.selectOption('#add-action', 'rotate')
    await page.click('#add')
    const rotated = `${changed}/rotate,90`
    await expect(page.inputValue('#process')).resolves.toBe(rotated)
    await bothDone(page, rotated)
    expect(await paneImageSize(page, 'pane-server')).toEqual({ width: 150, height: 120 })
    await expect(page.locator('fieldset[data-action="rotate"] [data-key="value"]').inputValue()).resolves.toBe('90')
    // the documentation, drawn from the schema when opened (by keyboard here)
    await page.focus('#docs summary')
    await page.keyboard.press('Enter')
    // the toggle event draws the list after the key press: wait for it
    await expect.poll(() => page.locator('#docs-body').textContent(), { timeout: 5000 }).toMatch(/watermark.*text: /s)
    // autocomplete: the keys of the action being typed
    await typeAndWait(page, 'image/resize,w_100,')
    await expect(page.$$eval('#suggestions option', (options) => options.map((o) => (o as HTMLOptionElement).value))).resolves.toContain('image/resize,w_100,h_')
  })

  it('the shareable URL restores the string, the dialect and the image', async () => {
    const text = 'image/resize,w_100/rounded-corners,r_10p/format,png'
    await typeAndWait(page, text)
    await page.selectOption('#dialect', 'obs')
    await page.waitForFunction(() => location.hash.includes('dialect=obs'))
    const shared = page.url()
    expect(new URL(shared).hash).toBe(`#process=${encodeURIComponent(text).replaceAll('%20', '+')}&dialect=obs`)
    const other = await fixture.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await other.goto(shared)
    await bothDone(other, text)
    await expect(other.inputValue('#process')).resolves.toBe(text)
    await expect(other.inputValue('#dialect')).resolves.toBe('obs')
    expect(await paneImageSize(other, 'pane-server')).toEqual({ width: 100, height: 63 })
    await other.click('#copy-cli')
    await expect(other.textContent('#copied')).resolves.toContain(`imgproc process demo.jpg '${text}' -o result.png --dialect obs`)
    await other.close()
    await page.selectOption('#dialect', 'oss')
  })

  it('a link made with an uploaded image says so, and shows the demo', async () => {
    const sender = await fixture.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await sender.goto(`${fixture.url}/-/playground#process=image%2Frotate%2C90`)
    await bothDone(sender, 'image/rotate,90')
    await sender.setInputFiles('#upload', { name: 'mine.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(fixture.demo) })
    await sender.waitForFunction(() => document.getElementById('source-info')!.textContent!.startsWith('mine.jpg'))
    await sender.waitForFunction(() => location.hash.includes('image=own'))
    const shared = sender.url()
    await sender.close()
    const receiver = await fixture.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await receiver.goto(shared)
    await bothDone(receiver, 'image/rotate,90')
    await expect(receiver.textContent('#source-info')).resolves.toMatch(/^demo\.jpg, .*sender\u2019s own image/)
    await receiver.close()
  })

  it('downloads exactly the bytes POST /-/playground/process gives', async () => {
    const text = 'image/resize,w_160/quality,q_70/format,webp'
    await typeAndWait(page, text)
    await bothDone(page, text)
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')])
    expect(download.suggestedFilename()).toBe('result.webp')
    const downloaded = new Uint8Array(await readFile((await download.path())!))
    const posted = await fetch(`${fixture.url}/-/playground/process?x-oss-process=${encodeURIComponent(text)}`, { method: 'POST', body: fixture.demo as BodyInit })
    expect(posted.status).toBe(200)
    expect(downloaded).toEqual(new Uint8Array(await posted.arrayBuffer()))
    await expect(page.textContent('#savings')).resolves.toMatch(/-\d+\.\d%/)
    // the before/after slider moves with the keyboard
    await page.focus('#split')
    await page.keyboard.press('ArrowRight')
    await expect(page.inputValue('#split')).resolves.toBe('51')
    await expect(page.$eval('#after', (img) => (img as HTMLImageElement).style.clipPath)).resolves.toBe('inset(0px 0px 0px 51%)')
  })

  it("a newer string aborts the server's request still in flight, so the server can drop that job", async () => {
    const other = await fixture.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await other.goto(`${fixture.url}/-/playground`)
    await bothDone(other, DEMO_STRING)
    // the server's answers are held (never continued) until the page gives up on them
    const held: string[] = []
    await other.route('**/-/playground/demo.jpg?*', (route) => void held.push(route.request().url()))
    const aborted: string[] = []
    other.on('requestfailed', (request) => aborted.push(request.url()))
    await typeAndWait(other, 'image/resize,w_90')
    await expect.poll(() => held.length).toBe(1)
    await typeAndWait(other, 'image/resize,w_80')
    await expect.poll(() => held.length).toBe(2)
    await expect.poll(() => aborted).toEqual([held[0]])
    await other.close()
  })

  it('has no horizontal overflow at 360 px, even with a long error line', async () => {
    const narrow = await fixture.browser.newPage({ viewport: { width: 360, height: 740 } })
    await narrow.goto(`${fixture.url}/-/playground`)
    await bothDone(narrow, DEMO_STRING)
    const scrollWidth = () => narrow.evaluate(() => document.documentElement.scrollWidth)
    expect(await scrollWidth()).toBeLessThanOrEqual(360)
    await typeAndWait(narrow, `image/resize,w_100/watermark,text_${'A'.repeat(300)}`)
    await narrow.waitForFunction(() => document.getElementById('validation')!.className === 'error')
    expect(await scrollWidth()).toBeLessThanOrEqual(360)
    await narrow.screenshot({ path: resolve(artifacts, 'playground-360.png'), fullPage: true })
    await narrow.close()
  })
})
