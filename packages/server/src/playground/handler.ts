/**
 * The playground's routes under `/-/playground`:
 * - `GET  /-/playground`            the page
 * - `GET  /-/playground/<file>`     the browser bundle and its WASM (from `assets`)
 * - `GET  /-/playground/demo.jpg`   the demo image (drawn by our own code)
 * - `GET  /-/playground/fonts/<name>` font bytes by OSS font name (from `fonts`), so the
 *   browser's engine can draw text watermarks with the server's fonts
 * - `POST /-/playground/process?x-oss-process=...` (or `x-image-process`): the request body is the
 *   image; the answer is what the server's engine makes of it, with `X-Imgproc-Elapsed-Ms`. It runs
 *   through the server's `uploadWork`: the same authentication, ACLs (for watermark objects),
 *   queue, memory budget, body limit and deadline as the API.
 * The handler answers `undefined` for any other path, so the server can mount it in front of
 * its own routes.
 */
import { ImgError, isImgError } from '@imgproc/types'
import type { UploadWork } from '../upload-work.js'
import type { PlaygroundAssets } from './assets.js'
import { playgroundPage } from './page.js'

export const PLAYGROUND_PATH = '/-/playground'

export interface PlaygroundOptions {
  /** the server's guarded image work (`Mount` parts); without it the process endpoint answers 501 */
  uploadWork?: UploadWork
  assets: PlaygroundAssets
  /** the demo image's bytes; default none (the page then offers upload only) */
  demoImage?: () => Promise<Uint8Array>
  /** font bytes by OSS font name (`wqy-zenhei`, ...), null when missing; default none */
  fonts?: (name: string) => Promise<Uint8Array | null> | Uint8Array | null
  /** largest upload in bytes; default 20 MiB (the OSS source limit), never above the server's source limit */
  maxUploadBytes?: number
}

export type PlaygroundHandler = (req: Request) => Promise<Response | undefined>

export function createPlaygroundHandler(options: PlaygroundOptions): PlaygroundHandler {
  const maxUpload = options.maxUploadBytes ?? 20 * 1024 * 1024
  let demo: Promise<Uint8Array> | undefined

  return async (req) => {
    const url = new URL(req.url)
    if (url.pathname !== PLAYGROUND_PATH && !url.pathname.startsWith(`${PLAYGROUND_PATH}/`)) return undefined
    const name = url.pathname.slice(PLAYGROUND_PATH.length + 1)
    try {
      if (req.method === 'POST' && name === 'process') return await processUpload(req, url, options.uploadWork, maxUpload)
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new ImgError('MethodNotAllowed')
      if (name === '') {
        return new Response(playgroundPage({ hasDemo: Boolean(options.demoImage) }), {
          headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
        })
      }
      if (name === 'demo.jpg' && options.demoImage) {
        demo ??= options.demoImage()
        return new Response(await demo, { headers: { 'content-type': 'image/jpeg', 'cache-control': 'no-cache' } })
      }
      if (name.startsWith('fonts/')) {
        const font = options.fonts && /^[a-z-]{1,40}$/.test(name.slice(6)) ? await options.fonts(name.slice(6)) : null
        if (!font) throw new ImgError('NoSuchKey', `No font ${name.slice(6)} on this server`)
        return new Response(font, { headers: { 'content-type': 'font/ttf', 'cache-control': 'max-age=3600' } })
      }
      const asset = /^[\w.-]+$/.test(name) ? await options.assets.get(name) : null
      if (!asset) throw new ImgError('NoSuchKey', `No playground file ${name}`)
      return new Response(asset.body, { headers: { 'content-type': asset.type, 'cache-control': 'no-cache' } })
    } catch (error) {
      return errorJson(error)
    }
  }
}

async function processUpload(req: Request, url: URL, uploadWork: UploadWork | undefined, maxUpload: number): Promise<Response> {
  if (!uploadWork) throw new ImgError('NotImplemented', 'This server has no image engine configured.')
  const obs = url.searchParams.has('x-image-process')
  const process = url.searchParams.get(obs ? 'x-image-process' : 'x-oss-process')
  if (!process) throw new ImgError('MissingArgument', 'Give the process string as ?x-oss-process=image/... (or x-image-process).')
  const started = performance.now()
  const output = await uploadWork(req, { process, dialect: obs ? 'obs' : 'oss', maxBytes: maxUpload })
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
