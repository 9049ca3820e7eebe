/**
 * The playground in the browser: validates the process string as it is typed (the grammar's
 * own errors, with the caret), keeps the schema's controls, the URL's hash and the string in
 * step, then runs the string twice on the chosen image: with the engine bundled into this page
 * (WASM codecs, no network) and on the server, showing both results side by side, and the
 * server's beside the original (compare.ts).
 */
import { parse, type Dialect } from '@imgproc/grammar'
import { isImgError } from '@imgproc/types'
import { createCompare, extensionOf } from './compare.js'
import { demoResultUrl } from './demo-url.js'
import { fillActionPicker, renderControls, renderDocs, starterAction, updateSuggestions } from './controls.js'
import { joinProcess, setParam, splitProcess, type ProcessModel } from './process-model.js'
import { formatBytes, renderFacts, renderFailure, renderImage, renderJson } from './render.js'
import { aliOssCode, cliCommand, hashToState, objectUrl, stateToHash, type ShareState } from './share.js'
import { listenForSources } from './source-input.js'
import { sourceKind, warmWasm, wasmFilesFor } from './wasm-warmup.js'

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T
const input = $<HTMLInputElement>('process')
const dialectSelect = $<HTMLSelectElement>('dialect')
const validation = $<HTMLPreElement>('validation')
const browserPane = $('pane-browser')
const serverPane = $('pane-server')
const sourceInfo = $('source-info')
const controls = $('action-controls')
const picker = $<HTMLSelectElement>('add-action')
const docs = $<HTMLDetailsElement>('docs')
const compare = createCompare()
// the engine (most of the bytes) is its own chunk: the page preloads it (fetched and compiled
// beside app.js, module-preload.ts) and it is evaluated on the browser pane's first run
let browserEngine: Promise<typeof import('./browser-engine.js')> | undefined
/** the longest the browser pane waits for the server's answer before it starts its own run */
const BROWSER_PANE_MAX_WAIT_MS = 300
const loadEngine = () => (browserEngine ??= import('./browser-engine.js'))

let source: { bytes: Uint8Array; name: string; demo: boolean } | undefined
/** a shared link made with the sender's own image: said beside the demo shown instead */
let sharedOwnImage = false
let run = 0
let timer: ReturnType<typeof setTimeout> | undefined
let resultType = 'image/jpeg'

const dialect = () => dialectSelect.value as Dialect
const errorText = (error: unknown) => (isImgError(error) ? `${error.code}: ${error.message}\n${error.fragment()}` : String(error))

/** Parses as the user types; returns the string when valid, after drawing the verdict. */
function validate(): string | undefined {
  const text = input.value.trim()
  try {
    const parsed = parse(text, { dialect: dialect() })
    const count = parsed.chain.kind === 'image' ? `${parsed.chain.actions.length} action(s)` : `style ${parsed.chain.name}`
    validation.className = 'ok'
    validation.textContent = `\u2713 valid ${dialect().toUpperCase()} process string: ${count}`
    input.classList.remove('invalid')
    return text
  } catch (error) {
    validation.className = 'error'
    validation.textContent = errorText(error)
    input.classList.add('invalid')
    return undefined
  }
}

/** Marks a pane as working on `text` (tests and screen readers follow `data-state`/`data-process`). */
function start(pane: HTMLElement, text: string): void {
  pane.dataset.state = 'running'
  pane.dataset.process = text
}

async function runBrowser(bytes: Uint8Array, text: string, id: number): Promise<void> {
  start(browserPane, text)
  const started = performance.now()
  try {
    const { result, plan } = await (await loadEngine()).runInBrowser(bytes, text, dialect())
    if (id !== run) return
    const elapsed = `${(performance.now() - started).toFixed(1)} ms`
    if (result.kind === 'json') {
      renderJson(browserPane, result.bytes, { bytes: formatBytes(result.bytes.byteLength), time: elapsed, plan })
    } else {
      const facts = { size: `${result.width}\u00d7${result.height}`, type: result.mimeType, bytes: formatBytes(result.bytes.byteLength), time: elapsed, plan }
      await renderImage(browserPane, result.bytes, result.mimeType, facts).catch((error: Error) => renderFacts(browserPane, { ...facts, display: error.message }))
    }
    browserPane.dataset.state = 'done'
    performance.mark('imgproc:browser-pane-done')
  } catch (error) {
    if (id !== run) return
    renderFailure(browserPane, errorText(error))
    browserPane.dataset.state = 'failed'
  }
}

/** The server's request of the run in flight: a newer run aborts it, so the server drops that job. */
let serverRequest: AbortController | undefined

async function runServer(bytes: Uint8Array, demo: boolean, text: string, id: number): Promise<void> {
  serverRequest?.abort()
  const { signal } = (serverRequest = new AbortController())
  start(serverPane, text)
  const started = performance.now()
  try {
    const key = dialect() === 'obs' ? 'x-image-process' : 'x-oss-process'
    // the demo is the server's own: named, not sent (and the page preloads the example's result)
    const response = demo
      ? await fetch(demoResultUrl(text, dialect()), { signal })
      : await fetch(`/-/playground/process?${key}=${encodeURIComponent(text)}`, { method: 'POST', body: bytes as BodyInit, signal })
    const body = new Uint8Array(await response.arrayBuffer())
    if (id !== run) return
    const elapsed = `${(performance.now() - started).toFixed(1)} ms round trip, ${response.headers.get('x-imgproc-elapsed-ms') ?? '?'} ms in the engine`
    const type = response.headers.get('content-type') ?? ''
    if (!response.ok) {
      const error = JSON.parse(new TextDecoder().decode(body)) as { Code: string; Message: string }
      renderFailure(serverPane, `${error.Code}: ${error.Message}`, { status: String(response.status), time: elapsed })
      compare.clearResult()
      serverPane.dataset.state = 'failed'
      return
    }
    resultType = type
    compare.setResult(body, type)
    const plan = 'the same string, run by the server\u2019s engine'
    if (type.startsWith('application/json')) {
      renderJson(serverPane, body, { bytes: formatBytes(body.byteLength), time: elapsed, plan })
    } else {
      const facts = { size: '\u2026', type, bytes: formatBytes(body.byteLength), time: elapsed, plan }
      const size = await renderImage(serverPane, body, type, facts).catch(() => undefined)
      renderFacts(serverPane, { ...facts, size: size ? `${size.width}\u00d7${size.height}` : 'the browser cannot display this format' })
    }
    serverPane.dataset.state = 'done'
    performance.mark('imgproc:server-pane-done')
  } catch (error) {
    if (id !== run) return
    renderFailure(serverPane, String(error))
    compare.clearResult()
    serverPane.dataset.state = 'failed'
  }
}

/** Runs the string after a pause in typing (`delay`), or at once (a new image). */
function schedule(delay = 250): void {
  clearTimeout(timer)
  for (const pane of [browserPane, serverPane]) if (pane.dataset.state !== 'idle') pane.dataset.state = 'stale'
  history.replaceState(null, '', stateToHash(shareState()))
  updateSuggestions($<HTMLDataListElement>('suggestions'), input.value, dialect())
  const fire = () => {
    const text = validate()
    if (!text || !source) return
    const id = ++run
    const { bytes, demo } = source
    const serverDone = runServer(bytes, demo, text, id)
    // then the engine in this page, once the server's answer is drawn (or after
    // BROWSER_PANE_MAX_WAIT_MS, should the server be slow): both compete for the same cores, and
    // the server's is the answer the first visit waits for. Its WASM compiles (off this thread)
    // while the engine chunk is evaluated.
    void Promise.race([serverDone, new Promise((resolve) => setTimeout(resolve, BROWSER_PANE_MAX_WAIT_MS))]).then(() => {
      if (id !== run) return
      warmWasm(wasmFilesFor(text, sourceKind(bytes)))
      return runBrowser(bytes, text, id)
    })
  }
  // at once for a new image: no task boundary, where the browser could lay out the page first
  if (delay === 0) fire()
  else timer = setTimeout(fire, delay)
}

/** The string changed by hand (or by the hash, the dialect, an added action): redraw the controls. */
function stringEdited(): void {
  renderControls(controls, splitProcess(input.value.trim()), dialect(), controlChanged, removeAction)
  schedule()
}

/** A control changed one parameter: rewrite that token in the string, keep the controls (and focus). */
function controlChanged(index: number, key: string, raw: string): void {
  const model = splitProcess(input.value.trim())
  const action = model.actions[index]
  if (!action) return
  model.actions[index] = setParam(action, key, raw)
  input.value = joinProcess(model)
  schedule()
}

function rewrite(change: (model: ProcessModel) => void): void {
  const model = splitProcess(input.value.trim())
  if (!model.editable) Object.assign(model, { editable: true, actions: [], suffix: '' })
  change(model)
  input.value = joinProcess(model)
  stringEdited()
}

function removeAction(index: number): void {
  rewrite((model) => model.actions.splice(index, 1))
  controls.querySelector<HTMLElement>('fieldset button, #add')?.focus()
}

function dialectChanged(): void {
  fillActionPicker(picker, dialect())
  if (docs.open) renderDocs($('docs-body'), dialect())
  stringEdited()
}

function applyHash(): void {
  const state = hashToState(location.hash)
  if (!state) return
  input.value = state.process
  dialectSelect.value = state.dialect
  sharedOwnImage = state.image === 'own'
}

/** Copies a snippet; it also stays visible in the output, for browsers that refuse the clipboard. */
function copy(text: string): void {
  const out = $('copied')
  out.textContent = text
  navigator.clipboard?.writeText(text).then(() => (out.textContent = `copied: ${text}`), () => undefined)
}

function shareState(): ShareState {
  return { process: input.value.trim(), dialect: dialect(), image: source && !source.demo ? 'own' : 'demo' }
}
$('copy-url').addEventListener('click', () => copy(objectUrl(location.origin, shareState())))
$('copy-oss').addEventListener('click', () => copy(aliOssCode(shareState())))
$('copy-cli').addEventListener('click', () => copy(cliCommand(shareState(), source?.name ?? 'photo.jpg', `result.${extensionOf(resultType)}`)))
$('add').addEventListener('click', () => rewrite((model) => model.actions.push(starterAction(picker.value, dialect()))))
input.addEventListener('input', stringEdited)
dialectSelect.addEventListener('change', dialectChanged)
window.addEventListener('hashchange', () => {
  applyHash()
  dialectChanged()
})

const sources = listenForSources((bytes, name, type, demo) => {
  source = { bytes, name, demo }
  const note = demo && sharedOwnImage ? ' (the link was made with the sender\u2019s own image, which is not shared: drop, paste or upload yours)' : ''
  sharedOwnImage &&= demo
  sourceInfo.textContent = `${name}, ${formatBytes(bytes.byteLength)}${note}`
  compare.setOriginal(bytes, type)
  schedule(0)
})
// the documentation is drawn when first opened (a few hundred nodes the first visit need not lay out)
docs.addEventListener('toggle', () => {
  if (docs.open) renderDocs($('docs-body'), dialect())
})
// the demo is asked for first: the server's answer is what the first visit waits for
if (document.getElementById('demo')) void sources.loadDemo()
applyHash()
dialectChanged()
validate()
