/**
 * The playground page: plain HTML and CSS, no framework. The behaviour is in `app/main.ts`
 * (bundled to `/-/playground/app.js`).
 */
const EXAMPLE = 'image/resize,m_fill,w_300,h_200/rotate,90/format,webp'

export function playgroundPage(options: { hasDemo: boolean }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>imgproc playground</title>
<style>
  :root { font-family: system-ui, sans-serif; color: #1d232a; background: #f5f6f8; }
  body { margin: 0 auto; max-width: 1200px; padding: 16px 24px; }
  h1 { font-size: 20px; margin: 0 0 12px; }
  h1 small { font-weight: normal; color: #5b6570; }
  .controls { display: grid; gap: 8px; background: #fff; padding: 12px 16px; border-radius: 8px; box-shadow: 0 1px 2px #0002; }
  .row { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
  #process { flex: 1; min-width: 300px; font: 15px ui-monospace, monospace; padding: 6px 8px; border: 1px solid #b8c0c8; border-radius: 4px; }
  #process.invalid { border-color: #c62828; background: #fff5f5; }
  #validation { margin: 0; font: 13px ui-monospace, monospace; white-space: pre; min-height: 3.2em; }
  #validation.error { color: #c62828; }
  #validation.ok { color: #2e7d32; }
  .panes { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; margin-top: 16px; }
  .pane { background: #fff; border-radius: 8px; padding: 12px 16px; box-shadow: 0 1px 2px #0002; min-height: 200px; }
  .pane h2 { font-size: 15px; margin: 0 0 8px; }
  .pane[data-state="stale"] .view, .pane[data-state="running"] .view { opacity: 0.5; }
  .pane .view { min-height: 120px; display: grid; place-items: center; background: repeating-conic-gradient(#eee 0 25%, #fff 0 50%) 0 0 / 16px 16px; border-radius: 4px; }
  .pane img { max-width: 100%; max-height: 420px; }
  .pane pre { white-space: pre-wrap; word-break: break-all; font-size: 12px; margin: 0; }
  .pane dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; font-size: 13px; margin: 8px 0 0; }
  .pane dt { color: #5b6570; }
  .pane dd { margin: 0; font-family: ui-monospace, monospace; white-space: pre-wrap; }
  .pane .failure { color: #c62828; font: 13px ui-monospace, monospace; white-space: pre; }
  #source-info { color: #5b6570; font-size: 13px; }
</style>
</head>
<body>
<h1>imgproc playground <small>the same process string, run by the engine in your browser (WASM) and by the server</small></h1>
<section class="controls">
  <div class="row">
    ${options.hasDemo ? '<button id="demo" type="button">Demo image</button>' : ''}
    <label>Upload <input id="upload" type="file" accept="image/*"></label>
    <label>Dialect <select id="dialect"><option value="oss">OSS (x-oss-process)</option><option value="obs">OBS (x-image-process)</option></select></label>
    <span id="source-info">no image yet</span>
  </div>
  <div class="row">
    <input id="process" spellcheck="false" autocomplete="off" value="${EXAMPLE}" aria-label="process string">
  </div>
  <pre id="validation" aria-live="polite"></pre>
</section>
<section class="panes">
  <article class="pane" id="pane-browser" data-state="idle"><h2>In the browser (engine compiled to JS + WASM)</h2><div class="view"></div><dl></dl></article>
  <article class="pane" id="pane-server" data-state="idle"><h2>On the server (POST /-/playground/process)</h2><div class="view"></div><dl></dl></article>
</section>
<script type="module" src="/-/playground/app.js"></script>
</body>
</html>
`
}
