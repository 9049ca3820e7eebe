/**
 * The playground in the browser: validates the process string as it is typed (the grammar's
 * own errors, with the caret), then runs it twice on the chosen image: with the engine bundled
 * into this page (WASM codecs, no network) and on the server, showing both results side by side.
 */
import { parse, type Dialect } from '@imgproc/grammar'
import { isImgError } from '@imgproc/types'
import { runInBrowser } from './browser-engine.js'
import { formatBytes, renderFacts, renderFailure, renderImage, renderJson } from './render.js'

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T
const input = $<HTMLInputElement>('process')
const dialectSelect = $<HTMLSelectElement>('dialect')
const validation = $<HTMLPreElement>('validation')
const browserPane = $('pane-browser')
const serverPane = $('pane-server')
const sourceInfo = $('source-info')

let source: { bytes: Uint8Array; name: string } | undefined
let run = 0
let timer: ReturnType<typeof setTimeout> | undefined

/** Parses as the user types; returns the string when valid, after drawing the verdict. */
function validate(): string | undefined {
  const text = input.value.trim()
  const dialect = dialectSelect.value as Dialect
  try {
    const parsed = parse(text, { dialect })
    const count = parsed.chain.kind === 'image' ? `${parsed.chain.actions.length} action(s)` : `style ${parsed.chain.name}`
    validation.className = 'ok'
    validation.textContent = `\u2713 valid ${dialect.toUpperCase()} process string: ${count}`
    input.classList.remove('invalid')
    return text
  } catch (error) {
    validation.className = 'error'
    validation.textContent = isImgError(error) ? `${error.code}: ${error.message}\n${error.fragment()}` : String(error)
    input.classList.add('invalid')
    return undefined
  }
}

/** Marks a pane as working on `text` (tests and screen readers follow `data-state`/`data-process`). */
function start(pane: HTMLElement, text: string): void {
  pane.dataset.state = 'running'
  pane.dataset.process = text
}

async function runBrowser(bytes: Uint8Array, text: string, dialect: Dialect, id: number): Promise<void> {
  start(browserPane, text)
  const started = performance.now()
  try {
    const { result, plan } = await runInBrowser(bytes, text, dialect)
    if (id !== run) return
    const elapsed = `${(performance.now() - started).toFixed(1)} ms`
    if (result.kind === 'json') {
      renderJson(browserPane, result.bytes, { bytes: formatBytes(result.bytes.byteLength), time: elapsed, plan })
    } else {
      const facts = { size: `${result.width}\u00d7${result.height}`, type: result.mimeType, bytes: formatBytes(result.bytes.byteLength), time: elapsed, plan }
      await renderImage(browserPane, result.bytes, result.mimeType, facts).catch((error: Error) => renderFacts(browserPane, { ...facts, display: error.message }))
    }
    browserPane.dataset.state = 'done'
  } catch (error) {
    if (id !== run) return
    renderFailure(browserPane, isImgError(error) ? `${error.code}: ${error.message}\n${error.fragment()}` : String(error))
    browserPane.dataset.state = 'failed'
  }
}

async function runServer(bytes: Uint8Array, text: string, dialect: Dialect, id: number): Promise<void> {
  start(serverPane, text)
  const started = performance.now()
  try {
    const key = dialect === 'obs' ? 'x-image-process' : 'x-oss-process'
    const response = await fetch(`/-/playground/process?${key}=${encodeURIComponent(text)}`, { method: 'POST', body: bytes as BodyInit })
    const body = new Uint8Array(await response.arrayBuffer())
    if (id !== run) return
    const elapsed = `${(performance.now() - started).toFixed(1)} ms round trip, ${response.headers.get('x-imgproc-elapsed-ms') ?? '?'} ms in the engine`
    const type = response.headers.get('content-type') ?? ''
    if (!response.ok) {
      const error = JSON.parse(new TextDecoder().decode(body)) as { Code: string; Message: string }
      renderFailure(serverPane, `${error.Code}: ${error.Message}`, { status: String(response.status), time: elapsed })
      serverPane.dataset.state = 'failed'
      return
    }
    if (type.startsWith('application/json')) {
      renderJson(serverPane, body, { bytes: formatBytes(body.byteLength), time: elapsed, plan: 'the same string, run by the server\u2019s engine' })
    } else {
      const facts = { size: '\u2026', type, bytes: formatBytes(body.byteLength), time: elapsed, plan: 'the same string, run by the server\u2019s engine' }
      const size = await renderImage(serverPane, body, type, facts).catch(() => undefined)
      renderFacts(serverPane, { ...facts, size: size ? `${size.width}\u00d7${size.height}` : 'the browser cannot display this format' })
    }
    serverPane.dataset.state = 'done'
  } catch (error) {
    if (id !== run) return
    renderFailure(serverPane, String(error))
    serverPane.dataset.state = 'failed'
  }
}

function schedule(): void {
  clearTimeout(timer)
  for (const pane of [browserPane, serverPane]) if (pane.dataset.state !== 'idle') pane.dataset.state = 'stale'
  timer = setTimeout(() => {
    const text = validate()
    if (!text || !source) return
    const id = ++run
    const dialect = dialectSelect.value as Dialect
    void runBrowser(source.bytes, text, dialect, id)
    void runServer(source.bytes, text, dialect, id)
  }, 250)
}

function useSource(bytes: Uint8Array, name: string): void {
  source = { bytes, name }
  sourceInfo.textContent = `${name}, ${formatBytes(bytes.byteLength)}`
  schedule()
}

input.addEventListener('input', schedule)
dialectSelect.addEventListener('change', schedule)
$<HTMLInputElement>('upload').addEventListener('change', async (event) => {
  const file = (event.target as HTMLInputElement).files?.[0]
  if (file) useSource(new Uint8Array(await file.arrayBuffer()), file.name)
})
const demoButton = document.getElementById('demo')
async function loadDemo(): Promise<void> {
  const response = await fetch('/-/playground/demo.jpg')
  useSource(new Uint8Array(await response.arrayBuffer()), 'demo.jpg')
}
demoButton?.addEventListener('click', () => void loadDemo())
validate()
if (demoButton) void loadDemo()
