import { mkdir } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { htmlReport } from '../../../packages/bench/src/report/html-report.js'
import { fullSampleReport } from '../../../packages/bench/src/testing/sample-report.js'
import { locate, requireAll } from '../harness/binaries.js'
import { launchChromium } from '../harness/chromium.js'

// The benchmark's HTML report as a reader sees it: rendered by Chromium from the page alone
// (every request refused), with the charts' marks read back from the drawn SVG. The report is
// the made-up full run of src/testing/sample-report.ts: 6 contenders, 5 codecs, 15 tasks.
const artifacts = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test-artifacts')
const chromium = locate('chromium')
const skip = chromium.missing !== undefined && !requireAll
if (skip) console.warn(`bench report: skipping: ${chromium.missing}`)

interface Mark { chart: string; facet: string; series: string; fill: string; shape: string; x: number; y: number; inside: boolean }

describe.skipIf(skip)('bench HTML report in headless Chromium', () => {
  let browser: Browser
  let page: Page
  const requests: string[] = []
  const report = fullSampleReport()

  beforeAll(async () => {
    browser = await launchChromium(chromium.path!)
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.route('**/*', (route) => {
      requests.push(route.request().url())
      return route.abort()
    })
    await page.setContent(htmlReport(report), { waitUntil: 'load' })
    await mkdir(artifacts, { recursive: true })
    await page.screenshot({ path: resolve(artifacts, 'bench-report.png'), fullPage: true })
  })

  afterAll(async () => {
    await browser?.close()
  })

  const marks = () => page.evaluate(() => [...document.querySelectorAll('.facet')].flatMap((facet) => {
    const svg = facet.querySelector('svg')!.getBoundingClientRect()
    return [...facet.querySelectorAll('g[aria-label=dot] path')].map((path) => {
      const box = path.getBoundingClientRect()
      const x = box.x + box.width / 2, y = box.y + box.height / 2
      return {
        chart: facet.closest('[data-chart]')!.getAttribute('data-chart')!,
        facet: facet.getAttribute('data-facet')!,
        series: path.querySelector('title')!.textContent!.split(' · ')[0]!,
        fill: getComputedStyle(path).fill,
        // Plot draws a symbol at the origin and moves it with a transform: the path is the shape
        shape: path.getAttribute('d')!,
        x, y,
        inside: box.width > 3 && x >= svg.left && x <= svg.right && y >= svg.top && y <= svg.bottom,
      }
    })
  }))

  it('needs nothing from the network', () => {
    expect(requests).toEqual([])
  })

  it('draws both charts, one facet per task and per codec ladder or pipeline, every point inside its chart', async () => {
    const all: Mark[] = await marks()
    const facets = (chart: string) => [...new Set(all.filter((m) => m.chart === chart).map((m) => m.facet))]
    expect(facets('time')).toHaveLength(15)
    expect(facets('quality')).toEqual(['encode jpeg', 'encode webp', 'encode avif', 'encode png', 'thumbnail-jpeg-720', 'thumbnail-png-320', 'convert-webp', 'convert-avif'])
    const records = report.runs.flatMap((run) => run.records)
    expect(all.filter((m) => m.chart === 'time')).toHaveLength(records.length)
    expect(all.filter((m) => m.chart === 'quality')).toHaveLength(records.filter((r) => r.bytes !== undefined).length)
    expect(all.filter((m) => !m.inside)).toEqual([])
  })

  it('tells every series apart by a colour/shape pair of its own, the same in every facet', async () => {
    const pairOf = new Map<string, string>()
    for (const mark of await marks()) {
      const pair = `${mark.fill} | ${mark.shape}`
      expect(pairOf.get(mark.series) ?? pair, mark.series).toBe(pair)
      pairOf.set(mark.series, pair)
    }
    // 6 contenders x (decode + 4 codecs), less jimp's WebP and AVIF
    expect(pairOf.size).toBe(28)
    expect(new Set(pairOf.values()).size).toBe(pairOf.size)
    const colours = new Set([...pairOf.values()].map((p) => p.split(' | ')[0]))
    const shapes = new Set([...pairOf.values()].map((p) => p.split(' | ')[1]))
    expect([colours.size, shapes.size]).toEqual([6, 5])
  })

  it('labels points directly: a value by every time dot, every contender named in every quality facet, no two labels overlapping', async () => {
    const facets = await page.evaluate(() => [...document.querySelectorAll('.facet')].map((facet) => ({
      chart: facet.closest('[data-chart]')!.getAttribute('data-chart')!,
      dots: [...facet.querySelectorAll('g[aria-label=dot] title')].map((t) => t.textContent!.split(' ')[0]!),
      labels: [...facet.querySelectorAll('g[aria-label=text] text')].map((t) => {
        const box = t.getBoundingClientRect()
        return { text: t.textContent!, left: box.left, right: box.right, top: box.top, bottom: box.bottom }
      }),
    })))
    for (const facet of facets) {
      if (facet.chart === 'time') {
        expect(facet.labels.map((l) => l.text).every((t) => /^[\d.]+$/.test(t))).toBe(true)
        expect(facet.labels).toHaveLength(facet.dots.length)
        continue
      }
      expect(new Set(facet.labels.flatMap((l) => l.text.split(' · ')))).toEqual(new Set(facet.dots))
      for (const [i, a] of facet.labels.entries())
        for (const b of facet.labels.slice(i + 1)) {
          const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 3
          expect(overlap, `${a.text} / ${b.text}`).toBe(false)
        }
    }
  })

  it('shows every contender and codec in a legend that fits, and nothing overflows at 360 px', async () => {
    const legend = await page.locator('.legend').first().innerText()
    for (const name of ['imgproc', 'sharp', 'sharp-default', 'wasm-vips', 'jsquash', 'jimp', 'decode', 'jpeg', 'webp', 'avif', 'png'])
      expect(legend).toContain(name)
    await page.setViewportSize({ width: 360, height: 800 })
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      legend: Math.max(...[...document.querySelectorAll('.legend')].map((l) => l.scrollWidth - l.clientWidth)),
      facets: Math.max(...[...document.querySelectorAll('.facet svg')].map((s) => s.getBoundingClientRect().right)),
    }))
    await page.screenshot({ path: resolve(artifacts, 'bench-report-360.png') })
    await page.setViewportSize({ width: 1280, height: 900 })
    expect(widths.page).toBeLessThanOrEqual(360)
    expect(widths.legend).toBeLessThanOrEqual(0)
    expect(widths.facets).toBeLessThanOrEqual(360)
  })

  it('sorts the table by the header clicked, numbers by value, and reverses on a second click', async () => {
    const table = page.locator('table').first()
    const column = async (title: string) => {
      const index = await table.locator('thead th').evaluateAll((ths, t) => ths.findIndex((th) => th.textContent!.replace(/[▲▼ ]+$/, '') === t), title)
      return table.locator('tbody tr').evaluateAll((rows, i) => rows.map((row) => (row as HTMLTableRowElement).cells[i]!.textContent!), index)
    }
    const numbers = (cells: string[]) => cells.filter((c) => c !== '').map((c) => (c === '∞' ? Infinity : Number(c)))
    await table.getByRole('button', { name: 'median ms' }).click()
    const ascending = numbers(await column('median ms'))
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b))
    expect(ascending[0]).toBeLessThan(ascending.at(-1)!)
    expect(await table.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('ascending')
    await table.getByRole('button', { name: 'median ms' }).click()
    expect(numbers(await column('median ms'))).toEqual([...ascending].reverse())
    await table.getByRole('button', { name: 'PSNR dB' }).click()
    const psnr = await column('PSNR dB')
    // numbers up, ∞ (identical pixels) after every number, empty cells (decode) last
    expect(psnr.indexOf('∞')).toBeGreaterThan(psnr.lastIndexOf('30.00'))
    expect(psnr.slice(psnr.indexOf(''))).toEqual(psnr.slice(psnr.indexOf('')).map(() => ''))
    await table.getByRole('button', { name: 'contender' }).click()
    const names = await column('contender')
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)))
  })
})
