import { writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { spawn } from 'node:child_process'
import type { Bundle } from './bundle.js'
import { launchChromium } from './chromium.js'
import { lastJsonLine, run } from './spawn.js'
import { freePort, serveFolder } from './static-server.js'

const TIMEOUT_MS = 90_000

/** `deno run` with read access to the bundle's folder only (the WASM beside it) and no prompts. */
export async function runDeno(deno: string, bundle: Bundle): Promise<unknown> {
  const dir = dirname(bundle.file)
  const out = await run(deno, ['run', '--quiet', '--no-prompt', `--allow-read=${dir}`, bundle.file], {
    env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(dir, '.deno'), NO_COLOR: '1' },
    timeoutMs: TIMEOUT_MS,
  })
  return lastJsonLine(out, 'deno')
}

export async function runBun(bun: string, bundle: Bundle): Promise<unknown> {
  const out = await run(bun, ['run', bundle.file], { env: { ...process.env, NO_COLOR: '1' }, timeoutMs: TIMEOUT_MS })
  return lastJsonLine(out, 'bun')
}

/** A workerd config: the bundle as an ES module, each `.wasm` as a Wasm module, other files as data modules. */
export function workerdConfig(bundle: Bundle, port: number): string {
  const modules = [
    `(name = "entry.js", esModule = embed "entry.js")`,
    ...bundle.wasmModules.map((name) => `(name = "${name}", wasm = embed "${name}")`),
    ...bundle.dataModules.map((name) => `(name = "${name}", data = embed "${name}")`),
  ]
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .smoke)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const smoke :Workerd.Worker = (
  modules = [
    ${modules.join(',\n    ')}
  ],
  compatibilityDate = "2025-09-01",
);
`
}

/** Starts workerd on a free loopback port, asks the worker for its report once, stops it. */
export async function runWorkerd(workerd: string, bundle: Bundle): Promise<unknown> {
  const dir = dirname(bundle.file)
  const port = await freePort()
  await writeFile(join(dir, 'config.capnp'), workerdConfig(bundle, port))
  const child = spawn(workerd, ['serve', 'config.capnp'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (log += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk))
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()))
  try {
    const deadline = Date.now() + 20_000
    for (;;) {
      if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode}:\n${log}`)
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(TIMEOUT_MS) })
        const text = await response.text()
        try {
          return JSON.parse(text)
        } catch {
          throw new Error(`workerd answered ${response.status} without a JSON report: ${text.slice(0, 2000)}\n${log}`)
        }
      } catch (error) {
        const refused = (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED'
        if (!refused || Date.now() > deadline) throw error
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }
  } finally {
    // workerd drains open connections on SIGTERM (fetch keeps its socket alive), so escalate.
    child.kill('SIGTERM')
    const killer = setTimeout(() => child.kill('SIGKILL'), 2_000)
    await exited
    clearTimeout(killer)
  }
}

/** Serves the bundle folder on loopback and loads it in headless Chromium; the page sets `__smoke`. */
export async function runChromium(executablePath: string, bundle: Bundle): Promise<unknown> {
  const dir = dirname(bundle.file)
  await writeFile(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>smoke</title><script type="module" src="./entry.js"></script>\n')
  const server = await serveFolder(dir)
  const browser = await launchChromium(executablePath)
  try {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(String(error)))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await page.goto(`${server.url}/`)
    try {
      await page.waitForFunction(() => 'smokeReport' in globalThis, undefined, { timeout: TIMEOUT_MS })
    } catch (error) {
      throw new Error(`chromium produced no report: ${errors.join('\n')}`, { cause: error })
    }
    return await page.evaluate(() => (globalThis as unknown as { smokeReport: unknown }).smokeReport)
  } finally {
    await browser.close()
    await server.close()
  }
}
