/**
 * The playground page: plain HTML and CSS, no framework (the page stays a few KiB; the weight is
 * the engine in app.js). The behaviour is in `app/main.ts` (bundled to `/-/playground/app.js`).
 * Layout rules that matter: every grid/flex child may shrink (`min-width: 0`), long lines wrap
 * or scroll inside their own box, so nothing widens the page; below 760 px the panes stack.
 */
import { demoResultUrl } from './app/demo-url.js'

const EXAMPLE = 'image/resize,m_fill,w_300,h_200/rotate,90/quality,Q_80'

const STYLE = `
  :root { font-family: system-ui, sans-serif; color: #1d232a; background: #f5f6f8; }
  * { box-sizing: border-box; }
  body { margin: 0 auto; max-width: 1200px; padding: 16px; }
  h1 { font-size: 20px; margin: 0 0 12px; }
  h1 small { display: block; font-size: 14px; font-weight: normal; color: #5b6570; }
  h2 { font-size: 15px; margin: 0 0 8px; }
  .card { background: #fff; padding: 12px 16px; border-radius: 8px; box-shadow: 0 1px 2px #0002; margin-bottom: 16px; min-width: 0; }
  .row { display: flex; gap: 8px 12px; align-items: center; flex-wrap: wrap; margin: 6px 0; }
  .row > * { min-width: 0; max-width: 100%; }
  button, select, input, .button { font: inherit; font-size: 14px; }
  :focus-visible { outline: 3px solid #1565c0; outline-offset: 2px; }
  #process { width: 100%; font: 15px ui-monospace, monospace; padding: 6px 8px; border: 1px solid #b8c0c8; border-radius: 4px; }
  #process.invalid { border-color: #c62828; background: #fff5f5; }
  #validation { margin: 4px 0; font: 13px ui-monospace, monospace; white-space: pre; overflow-x: auto; max-width: 100%; min-height: 3.2em; }
  #validation.error { color: #c62828; }
  #validation.ok { color: #2e7d32; }
  #drop-hint { color: #5b6570; font-size: 13px; }
  body.dragging .card:first-of-type { outline: 3px dashed #1565c0; }
  #action-controls { display: grid; gap: 8px; grid-template-columns: repeat(auto-fill, minmax(min(100%, 260px), 1fr)); }
  fieldset { border: 1px solid #d5dae0; border-radius: 6px; margin: 0; padding: 6px 10px 10px; min-width: 0; }
  legend { font: 600 14px ui-monospace, monospace; }
  fieldset label { display: grid; grid-template-columns: 5.5em 1fr; gap: 6px; align-items: center; font-size: 13px; margin-top: 4px; }
  fieldset label span { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
  fieldset input, fieldset select { width: 100%; min-width: 0; }
  fieldset input[type="color"] { height: 28px; padding: 0 2px; }
  details summary { cursor: pointer; font-weight: 600; }
  #docs-body { font-size: 13px; overflow-x: auto; }
  #docs-body dt { font: 600 13px ui-monospace, monospace; margin-top: 8px; }
  #docs-body dd { margin: 0 0 0 12px; overflow-wrap: anywhere; }
  .compare-frame { overflow: auto; max-height: 70vh; background: #eef0f3; border-radius: 4px; }
  /* the result's shape (--aspect), at most 60vh tall at zoom 1, times the zoom; the frame scrolls */
  .compare-inner { position: relative; margin: 0 auto; background: repeating-conic-gradient(#eee 0 25%, #fff 0 50%) 0 0 / 16px 16px; aspect-ratio: var(--aspect, 1.5); width: calc(min(100%, 60vh * var(--aspect, 1.5)) * var(--zoom, 1)); }
  .compare-inner img { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain; }
  #savings { font-size: 14px; margin: 6px 0 0; }
  .panes { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 360px), 1fr)); gap: 16px; }
  .pane[data-state="stale"] .view, .pane[data-state="running"] .view { opacity: 0.5; }
  .pane .view { min-height: 120px; display: grid; place-items: center; background: repeating-conic-gradient(#eee 0 25%, #fff 0 50%) 0 0 / 16px 16px; border-radius: 4px; overflow: auto; }
  .pane img { max-width: 100%; max-height: 420px; }
  .pane pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12px; margin: 0; }
  .pane dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 12px; font-size: 13px; margin: 8px 0 0; }
  .pane dt { color: #5b6570; }
  .pane dd { margin: 0; font-family: ui-monospace, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
  .pane .failure { color: #c62828; font: 13px ui-monospace, monospace; white-space: pre-wrap; overflow-wrap: anywhere; max-width: 100%; }
  #source-info, #copied { color: #5b6570; font-size: 13px; }
  @media (max-width: 480px) { body { padding: 8px; } .card { padding: 10px; } }
`

/**
 * `preload`: the files app.js imports statically and the engine (module-preload.ts), fetched beside it;
 * `canProcess`: the server has an image engine (then the example's result on the demo is preloaded,
 * first: it is what the visitor waits for)
 */
export function playgroundPage(options: { hasDemo: boolean; canProcess?: boolean; preload?: string[] }): string {
  const preload = (options.preload ?? []).filter((name) => /^[\w-]+\.js$/.test(name))
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>imgproc playground</title>
${options.hasDemo && options.canProcess ? `<link rel="preload" href="${demoResultUrl(EXAMPLE, 'oss')}" as="fetch" crossorigin="anonymous">` : ''}
${options.hasDemo ? '<link rel="preload" href="/-/playground/demo.jpg" as="fetch" crossorigin="anonymous">' : ''}
<link rel="modulepreload" href="/-/playground/app.js">
${preload.map((name) => `<link rel="modulepreload" href="/-/playground/${name}">`).join('\n')}
<style>${STYLE}</style>
</head>
<body>
<h1>imgproc playground <small>the same process string, run by the engine in your browser (WASM) and by the server</small></h1>
<main>
<section class="card" aria-label="Image and process string">
  <div class="row">
    ${options.hasDemo ? '<button id="demo" type="button">Demo image</button>' : ''}
    <label>Upload <input id="upload" type="file" accept="image/*"></label>
    <label>Dialect <select id="dialect"><option value="oss">OSS (x-oss-process)</option><option value="obs">OBS (x-image-process)</option></select></label>
    <span id="source-info" aria-live="polite">no image yet</span>
  </div>
  <p id="drop-hint">or drop an image on the page, or paste one</p>
  <label for="process">Process string</label>
  <input id="process" list="suggestions" spellcheck="false" autocomplete="off" value="${EXAMPLE}">
  <datalist id="suggestions"></datalist>
  <pre id="validation" aria-live="polite"></pre>
  <div class="row">
    <label>Add an action <select id="add-action"></select></label>
    <button id="add" type="button">Add</button>
  </div>
  <div id="action-controls" aria-label="Parameters of each action"></div>
  <div class="row">
    <button id="copy-url" type="button">Copy as URL</button>
    <button id="copy-oss" type="button">Copy ali-oss code</button>
    <button id="copy-cli" type="button">Copy CLI command</button>
    <output id="copied"></output>
  </div>
  <details id="docs"><summary>Actions and their parameters</summary><dl id="docs-body"></dl></details>
</section>
<section class="card" id="compare" aria-label="Original and result">
  <h2>Original | result (server)</h2>
  <div class="compare-frame"><div class="compare-inner"><img id="before" alt="original"><img id="after" alt="result"></div></div>
  <div class="row">
    <label>Before/after <input id="split" type="range" min="0" max="100" value="50"></label>
    <label>Zoom <input id="zoom" type="range" min="1" max="4" step="0.5" value="1"></label>
    <button id="download" type="button" disabled>Download result</button>
  </div>
  <p id="savings" aria-live="polite"></p>
</section>
<section class="panes">
  <article class="pane card" id="pane-browser" data-state="idle"><h2>In the browser (engine compiled to JS + WASM)</h2><div class="view"></div><dl></dl></article>
  <article class="pane card" id="pane-server" data-state="idle"><h2>On the server (the demo: GET demo.jpg?x-oss-process=&hellip;, your image: POST /-/playground/process)</h2><div class="view"></div><dl></dl></article>
</section>
</main>
<script type="module" src="/-/playground/app.js"></script>
</body>
</html>
`
}
