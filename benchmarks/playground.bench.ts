/**
 * The playground's first visit (issue 17: "first visit under 1 s on loopback"): a new visitor
 * (a fresh browser context: empty cache, no compiled code) opens /-/playground of the server as
 * `pnpm start` runs it, and waits for both panes: the server's result of the example string on
 * the demo image, and the same string run by the engine in the page.
 *
 *   pnpm exec tsx benchmarks/playground.bench.ts [--visits 15]
 *
 * Per visit, two clocks:
 * - in the page: the User Timing marks the page sets when each pane has drawn its image
 *   (`imgproc:server-pane-done`, `imgproc:browser-pane-done`), from the navigation's start (the
 *   page's time origin): what the visitor sees;
 * - at the driver: from `page.goto` until Playwright has seen both panes done (adds the
 *   driver's own round trips and polling to the above).
 * The server is warmed first (one visit, not counted), as a running server would be: its codecs
 * loaded and its files compressed. Headless Chromium (Debian's, software rendering) shares the
 * machine's cores with the server. Writes benchmarks/results/playground.md.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { launchChromium } from '../test/runtime/harness/chromium.js'
import { locate } from '../test/runtime/harness/binaries.js'
import { startImgprocServer, stopServerProcess } from './server-process.js'

const { values } = parseArgs({ options: { visits: { type: 'string', default: '15' } } })
const visits = Number(values.visits)
if (!Number.isInteger(visits) || visits < 1) throw new Error(`--visits takes a whole number of visits, not ${values.visits}`)
const here = fileURLToPath(new URL('.', import.meta.url))
const chromiumPath = locate('chromium')
if (!chromiumPath.path) throw new Error(`playground bench: ${chromiumPath.missing}`)

interface Visit {
  server: number
  browser: number
  driver: number
}

const dataDir = await mkdtemp(join(tmpdir(), 'imgproc-playground-bench-'))
const load = loadavg()[0]!
const server = await startImgprocServer(join(here, 'playground/server.ts'), [dataDir], { name: 'playground/server.ts' })
const browser = await launchChromium(chromiumPath.path)
const url = `http://127.0.0.1:${server.port}/-/playground`

async function visit(): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  try {
    const page = await context.newPage()
    const started = performance.now()
    await page.goto(url)
    // both panes done (their marks set) or one failed: a failure is reported, not waited out
    const settled = () => {
      const failed = [...document.querySelectorAll<HTMLElement>('.pane')].some((pane) => pane.dataset.state === 'failed')
      return failed || ['server', 'browser'].every((pane) => performance.getEntriesByName(`imgproc:${pane}-pane-done`).length > 0)
    }
    await page.waitForFunction(settled, undefined, { timeout: 30_000 })
    const driver = performance.now() - started
    const failed = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.pane')].filter((pane) => pane.dataset.state !== 'done').map((pane) => `${pane.id}: ${pane.textContent?.slice(0, 200)}`))
    if (failed.length > 0) throw new Error(`panes not done: ${failed.join('; ')}`)
    const [serverMs, browserMs] = await page.evaluate(() => ['server', 'browser'].map((pane) => performance.getEntriesByName(`imgproc:${pane}-pane-done`)[0]!.startTime))
    return { server: serverMs!, browser: browserMs!, driver }
  } finally {
    await context.close()
  }
}

const results: Visit[] = []
try {
  await visit() // warm: the bundle built and compressed, the codecs loaded in the server's workers
  for (let i = 0; i < visits; i++) {
    const v = await visit()
    results.push(v)
    console.log(`visit ${i + 1}: server pane ${v.server.toFixed(0)} ms, browser pane ${v.browser.toFixed(0)} ms (driver ${v.driver.toFixed(0)} ms)`)
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
} finally {
  await browser.close()
  await stopServerProcess(server)
  await rm(dataDir, { recursive: true, force: true })
}

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}
const row = (name: string, xs: number[]) => `| ${name} | ${quantile(xs, 0.5).toFixed(0)} | ${quantile(xs, 0.9).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} |`
const both = results.map((v) => Math.max(v.server, v.browser))
const report = `## playground first visit

Command: \`pnpm exec tsx benchmarks/playground.bench.ts --visits ${visits}\`
Machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}; Debian's Chromium (headless, software rendering) and the server on the same cores, over loopback. Load average (1 min) at start: ${load.toFixed(1)}.
Each visit: a fresh browser context (empty cache) opens /-/playground of the server as \`pnpm start\` runs it; the example string on the demo image, in both panes. The server warmed by one visit first.

Milliseconds from the navigation's start (the page's User Timing marks), ${visits} visits:

| pane | median | p90 | min | max |
| --- | ---: | ---: | ---: | ---: |
${row('server result drawn', results.map((v) => v.server))}
${row('browser-engine result drawn', results.map((v) => v.browser))}
${row('both drawn (issue 17 floor: under 1000)', both)}
${row('both, at the driver (goto to seen done)', results.map((v) => v.driver))}
`
await writeFile(join(here, 'results/playground.md'), report)
console.log(report)
