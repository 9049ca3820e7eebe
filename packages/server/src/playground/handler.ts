/**
 * The playground's routes under `/-/playground`:
 * - `GET  /-/playground`            the page
 * - `GET  /-/playground/<file>`     the browser bundle and its WASM (from `assets`)
 * - `GET  /-/playground/demo.jpg`   the demo image (drawn by our own code); a GET with
 *   `?x-oss-process=...` (or `x-image-process`) answers what the server's engine makes of it, as
 *   the POST below does for an upload (a HEAD stays the demo's own): the page preloads the
 *   example's result this way, so the first visit's server pane does not wait for the page's
 *   script, the demo's download and its upload back
 * - `GET  /-/playground/fonts/<name>` font bytes by OSS font name (from `fonts`: the server's
 *   font folder), and `/-/playground/fonts/<file>.woff` and `/-/playground/hb.wasm` the bundled
 *   fonts and the shaper (from `bundledFile`), where the browser's engine looks for them (beside
 *   its script), so the browser pane draws text with the same fonts as the server
 * - `POST /-/playground/process?x-oss-process=...` (or `x-image-process`): the request body is the
 *   image; the answer is what the server's engine makes of it, with `X-Imgproc-Elapsed-Ms`. It runs
 *   through the server's `uploadWork`: the same authentication, ACLs (for watermark objects),
 *   queue, memory budget, body limit and deadline as the API. Both processing routes refuse a
 *   request a browser marks `Sec-Fetch-Site: cross-site` (403 AccessDenied) before any work.
 * The page and files are answered by `staticResponse`: ETag, Cache-Control, gzip when accepted.
 * The handler answers `undefined` for any other path, so the server can mount it in front of
 * its own routes.
 */
import { ImgError, isImgError } from '@imgproc/types'
import type { UploadWork } from '../upload-work.js'
import type { PlaygroundAssets } from './assets.js'
import { modulePreloads } from './module-preload.js'
import { playgroundPage } from './page.js'
import { prepareStatic, staticCache, staticResponse, type StaticCache } from './static-response.js'

export const PLAYGROUND_PATH = '/-/playground'
const PAGE_TYPE = 'text/html; charset=utf-8'

export interface PlaygroundOptions {
  /** the server's guarded image work (`Mount` parts); without it the process endpoint answers 501 */
  uploadWork?: UploadWork
  assets: PlaygroundAssets
  /** the demo image's bytes; default none (the page then offers upload only) */
  demoImage?: () => Promise<Uint8Array>
  /** font bytes by OSS font name (`wqy-zenhei`, ...), null when missing; default none */
  fonts?: (name: string) => Promise<Uint8Array | null> | Uint8Array | null
  /** a file of @imgproc/fonts by name (`noto-sans-sc-latin-400-normal.woff`, `hb.wasm`); default none */
  bundledFile?: (file: string) => Promise<Uint8Array>
  /** largest upload in bytes; default 20 MiB (the OSS source limit), never above the server's source limit */
  maxUploadBytes?: number
}

export type PlaygroundHandler = (req: Request) => Promise<Response | undefined>

export function createPlaygroundHandler(options: PlaygroundOptions): PlaygroundHandler {
  const maxUpload = options.maxUploadBytes ?? 20 * 1024 * 1024
  let demo: Promise<Uint8Array> | undefined
  // one body per file for the server's life: its ETag and gzip are computed once (static-response.ts)
  const cache = staticCache()
  const page = pageBytes(options)
  void warm(options.assets, page, cache)

  return async (req) => {
    const url = new URL(req.url)
    if (url.pathname !== PLAYGROUND_PATH && !url.pathname.startsWith(`${PLAYGROUND_PATH}/`)) return undefined
    const name = url.pathname.slice(PLAYGROUND_PATH.length + 1)
    try {
      if (req.method === 'POST' && name === 'process') return await processImage(req, url, options.uploadWork, { maxBytes: maxUpload })
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new ImgError('MethodNotAllowed')
      if (name === '') {
        return await staticResponse(req, { name: '', body: await page, type: PAGE_TYPE, cacheControl: 'no-cache' }, cache)
      }
      if (name === 'demo.jpg' && options.demoImage) {
        demo ??= options.demoImage()
        // a HEAD is the demo's own HEAD (as a HEAD with x-oss-process is a plain HeadObject); the
        // upload work copies the demo for the job (the worker pool takes over what it is given)
        if (req.method === 'GET' && processQuery(url)) return await processImage(req, url, options.uploadWork, { maxBytes: maxUpload, source: await demo })
        return await staticResponse(req, { name, body: await demo, type: 'image/jpeg', cacheControl: 'no-cache' }, cache)
      }
      if (name.startsWith('fonts/') && /^[\w-]{1,80}\.woff$/.test(name.slice(6)) && options.bundledFile) {
        return new Response(await bundled(options.bundledFile, name.slice(6)), { headers: { 'content-type': 'font/woff', 'cache-control': 'max-age=86400' } })
      }
      if (name.startsWith('fonts/')) {
        const font = options.fonts && /^[a-z-]{1,40}$/.test(name.slice(6)) ? await options.fonts(name.slice(6)) : null
        if (!font) throw new ImgError('NoSuchKey', `No font ${name.slice(6)} on this server`)
        return new Response(font, { headers: { 'content-type': 'font/ttf', 'cache-control': 'max-age=3600' } })
      }
      if (name === 'hb.wasm' && options.bundledFile) {
        return await staticResponse(req, { name, body: await bundled(options.bundledFile, name), type: 'application/wasm', cacheControl: 'no-cache' }, cache)
      }
      const asset = /^[\w.-]+$/.test(name) ? await options.assets.get(name) : null
      if (!asset) throw new ImgError('NoSuchKey', `No playground file ${name}`)
      // no-cache + ETag: the URL is not versioned, so a revisit revalidates (a 304 when unchanged)
      return await staticResponse(req, { name, body: asset.body, type: asset.type, cacheControl: 'no-cache' }, cache)
    } catch (error) {
      return errorJson(error)
    }
  }
}

/**
 * Compresses the page and the scripts when the handler is made, so a visitor is not the one who
 * waits for it. The .wasm files (megabytes, most of them for formats a visit never meets) are left
 * to their first request, which is sent plain while its gzip is made. A failure here is ignored:
 * the request that needs the file redoes the work and answers its error.
 */
async function warm(assets: PlaygroundAssets, page: Promise<Uint8Array>, cache: StaticCache): Promise<void> {
  try {
    await (await prepareStatic({ name: '', body: await page, type: PAGE_TYPE, cacheControl: 'no-cache' }, cache)).compressed
    for (const name of ((await assets.names?.()) ?? []).filter((file) => file.endsWith('.js'))) {
      const asset = await assets.get(name)
      if (asset) await (await prepareStatic({ name, body: asset.body, type: asset.type, cacheControl: 'no-cache' }, cache)).compressed
    }
  } catch {
    // the same work is redone, and its error answered, on the request that needs it
  }
}

/** The page, naming the chunks app.js and the engine import so they load beside it (module-preload.ts). Without a readable app.js, a page without them. */
async function pageBytes(options: PlaygroundOptions): Promise<Uint8Array> {
  const script = async (name: string) => {
    const asset = await Promise.resolve(options.assets.get(name)).catch(() => null)
    return asset ? new TextDecoder().decode(asset.body) : null
  }
  const app = await script('app.js')
  const preload = app === null ? [] : await modulePreloads(app, script)
  return new TextEncoder().encode(playgroundPage({ hasDemo: Boolean(options.demoImage), canProcess: Boolean(options.uploadWork), preload }))
}

/** A bundled file, or NoSuchKey (a name the package does not have is the client's miss, not a server fault). */
async function bundled(read: (file: string) => Promise<Uint8Array>, file: string): Promise<Uint8Array> {
  try {
    return await read(file)
  } catch (cause) {
    throw new ImgError('NoSuchKey', `No bundled file ${file} on this server`, { cause })
  }
}

/** The process string and its dialect, from `x-oss-process` or `x-image-process`; null without either. */
function processQuery(url: URL): { process: string; dialect: 'oss' | 'obs' } | null {
  const obs = url.searchParams.has('x-image-process')
  const process = url.searchParams.get(obs ? 'x-image-process' : 'x-oss-process')
  return process === null ? null : { process, dialect: obs ? 'obs' : 'oss' }
}

/** `source`: the demo's bytes (a GET); without it the request body is the image (a POST). */
async function processImage(req: Request, url: URL, uploadWork: UploadWork | undefined, job: { maxBytes: number; source?: Uint8Array }): Promise<Response> {
  if (!uploadWork) throw new ImgError('NotImplemented', 'This server has no image engine configured.')
  // Another site's page (an <img> of a demo URL, a form post) must not have its visitors'
  // browsers run image work here: browsers say where a request comes from; other clients send no
  // such header and are served as before.
  if (req.headers.get('sec-fetch-site') === 'cross-site') {
    throw new ImgError('AccessDenied', 'The playground processes images for its own page, not for requests from other sites.')
  }
  const query = processQuery(url)
  if (!query?.process) throw new ImgError('MissingArgument', 'Give the process string as ?x-oss-process=image/... (or x-image-process).')
  const started = performance.now()
  const output = await uploadWork(req, { ...query, ...job })
  return new Response(output.body, {
    headers: { 'content-type': output.contentType, 'x-imgproc-elapsed-ms': (performance.now() - started).toFixed(1), 'cache-control': 'no-store' },
  })
}

function errorJson(error: unknown): Response {
  const img = isImgError(error) ? error : new ImgError('InternalError', undefined, { cause: error })
  const headers = new Headers({ 'content-type': 'application/json', 'x-imgproc-error-code': img.code })
  if (img.detail.retryAfterSeconds !== undefined) headers.set('retry-after', String(img.detail.retryAfterSeconds))
  return new Response(JSON.stringify({ Code: img.code, Message: img.message }), { status: img.status, headers })
}
