/**
 * The playground served on loopback for the Chromium tests: the page's handler with the browser
 * bundle built from source, the engine in this process as the server side, the demo image, and
 * headless Chromium. Shared by playground.test.ts (the engine in both panes) and
 * playground-app.test.ts (controls, sharing, download, layout, serving).
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { jpegCodec } from '@imgproc/codecs'
import { initNode } from '@imgproc/codecs/node'
import { readNodeAsset } from '@imgproc/fonts/node'
import * as esbuild from 'esbuild'
import type { Browser, Page } from 'playwright-core'
import { expect } from 'vitest'
import { locate, requireAll } from '../harness/binaries.js'
import { sourceAliases } from '../harness/bundle.js'
import { launchChromium } from '../harness/chromium.js'
import { serveFetch } from '../harness/serve-fetch.js'
import { smokeImage } from '../smoke/fixture.js'
import { SYSTEM_FONT } from '../smoke/font.js'
import { directUploadWork, engineProcessor } from './engine-processor.js'
import { loadPlayground, type ImageProcessor } from './server-playground.js'

export const chromium = locate('chromium')
export const skipChromium = chromium.missing !== undefined && !requireAll

export interface PlaygroundFixture {
  url: string
  demo: Uint8Array
  processor: ImageProcessor
  browser: Browser
  close(): Promise<void>
}

interface WorkerPoolLike extends ImageProcessor {
  ready(): Promise<void>
  close(): Promise<void>
}

/**
 * `workers`: the server side runs in a worker thread, as the Node server runs it
 * (`createWorkerPool`), so image work does not hold up the files the page fetches meanwhile;
 * otherwise the engine runs in this process (enough for the tests of behaviour).
 */
export async function startPlayground(options: { minify?: boolean; workers?: boolean } = {}): Promise<PlaygroundFixture> {
  await initNode()
  const demo = await jpegCodec.encode(smokeImage(640, 400), { quality: 85 })
  const playground = await loadPlayground()
  const assets = await playground.node.buildPlaygroundAssets({ esbuild, plugins: [sourceAliases], minify: options.minify ?? false })
  // DejaVu Sans stands in for OSS's default font (wqy-zenhei), as in the runtime matrix
  const font = existsSync(SYSTEM_FONT) ? new Uint8Array(await readFile(SYSTEM_FONT)) : null
  const fonts = (name: string) => (name === 'wqy-zenhei' ? font : null)
  const specifier = '@imgproc/server/node'
  const pool = options.workers ? ((await import(/* @vite-ignore */ specifier)) as { createWorkerPool(o: { size: number }): WorkerPoolLike }).createWorkerPool({ size: 1 }) : undefined
  await pool?.ready()
  const processor = pool ?? engineProcessor({ fonts })
  // as the server does (node-main.ts): the bundled fonts and hb.wasm where the browser's engine fetches them
  const handler = playground.handler.createPlaygroundHandler({ uploadWork: directUploadWork(processor), assets, demoImage: async () => demo, fonts, bundledFile: readNodeAsset })
  const server = await serveFetch(handler)
  const browser = await launchChromium(chromium.path!)
  return {
    url: server.url,
    demo,
    processor,
    browser,
    async close() {
      await browser.close()
      await server.close()
      await pool?.close()
    },
  }
}

/** Waits until both panes have answered `text` and asserts both succeeded. */
export async function bothDone(page: Page, text: string): Promise<void> {
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

/** Types `text` into the process box and waits for the verdict. */
export async function typeAndWait(page: Page, text: string): Promise<void> {
  await page.fill('#process', text)
  await page.waitForFunction(
    (expected) => (document.getElementById('process') as HTMLInputElement).value === expected && document.querySelector('#validation')!.textContent !== '',
    text,
  )
}

export const paneImageSize = (page: Page, id: string) =>
  page.evaluate((pane) => {
    const img = document.querySelector<HTMLImageElement>(`#${pane} img`)
    return img && img.complete ? { width: img.naturalWidth, height: img.naturalHeight } : null
  }, id)
