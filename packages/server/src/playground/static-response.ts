/**
 * Static answers for the playground's page and files: a strong ETag (SHA-256 of the bytes, so a
 * revisit costs a 304), `Cache-Control`, and gzip when the client accepts it and the type
 * compresses (HTML, JS, WASM: app.js shrinks about 2.5x, the engine chunk and WASM 3-4x).
 * Compression uses the Web-standard `CompressionStream`, so the handler stays runtime-agnostic;
 * each body is compressed once, in the background, and kept (`StaticCache`), since the page and
 * bundle never change while the server runs. Until a body's gzip is ready it is sent plain, so
 * no visitor waits for a compression (the handler compresses the page and scripts at start).
 * The gzip has its own ETag (`"...-gz"`): a strong validator names one representation.
 */
export interface StaticFile {
  /** the file's name: the cache key (with the length), since readers may hand a fresh array each time */
  name: string
  body: Uint8Array
  type: string
  cacheControl: string
}

interface Prepared {
  etag: string
  /** whether the type compresses: the answer then depends on Accept-Encoding (Vary) */
  compressible: boolean
  /** the gzip bytes, once compressed */
  gzip?: Uint8Array
  /** settles when the gzip is ready (or will never be: not compressible, or compression failed) */
  compressed: Promise<void>
}

/**
 * Per handler: file -> its ETag and compressed bytes, computed on first use. Bounded: only names
 * of files that exist reach it (the handler answers 404 before), and they do not change while
 * the server runs.
 */
export type StaticCache = Map<string, Promise<Prepared>>

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|wasm)|image\/svg)/
/** below this, gzip's header costs more than it saves */
const MIN_COMPRESS = 512

export function staticCache(): StaticCache {
  return new Map()
}

async function gzip(body: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([body as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

async function prepare(file: StaticFile): Promise<Prepared> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', file.body as BufferSource))
  const hex = [...digest.subarray(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('')
  const compressible = COMPRESSIBLE.test(file.type) && file.body.byteLength >= MIN_COMPRESS
  const prepared: Prepared = { etag: `"${hex}"`, compressible, compressed: Promise.resolve() }
  if (compressible) {
    // a failed compression only means the plain bytes keep being sent
    prepared.compressed = gzip(file.body).then((bytes) => void (prepared.gzip = bytes), () => undefined)
  }
  return prepared
}

const gzipTag = (etag: string) => `${etag.slice(0, -1)}-gz"`

/** Whether `accept-encoding` allows gzip (not refused with `q=0`). */
export function acceptsGzip(header: string | null): boolean {
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [coding, ...params] = part.trim().split(';')
    if (coding !== 'gzip' && coding !== '*') continue
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    return q === undefined || Number(q.slice(2)) > 0
  }
  return false
}

/** The ETag and gzip of `file`, computed once. Call it ahead (at start, awaiting `compressed`) so the first visitor gets the gzip. */
export function prepareStatic(file: StaticFile, cache: StaticCache): Promise<Prepared> {
  const key = `${file.name}:${file.body.byteLength}`
  let prepared = cache.get(key)
  if (!prepared) {
    prepared = prepare(file)
    cache.set(key, prepared)
  }
  return prepared
}

/** The answer to a GET/HEAD of `file`: 304 when `if-none-match` matches, gzip when accepted. */
export async function staticResponse(req: Request, file: StaticFile, cache: StaticCache): Promise<Response> {
  const { etag, compressible, gzip: compressed } = await prepareStatic(file, cache)
  const headers = new Headers({ 'content-type': file.type, 'cache-control': file.cacheControl })
  if (compressible) headers.set('vary', 'accept-encoding')
  // either representation's tag revalidates: both are the same bytes once decoded
  const held = (req.headers.get('if-none-match') ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''))
  const matched = [etag, gzipTag(etag)].find((tag) => held.includes(tag))
  if (matched) {
    headers.set('etag', matched)
    return new Response(null, { status: 304, headers })
  }
  const useGzip = compressed !== undefined && acceptsGzip(req.headers.get('accept-encoding'))
  if (useGzip) headers.set('content-encoding', 'gzip')
  const body = useGzip ? compressed : file.body
  headers.set('etag', useGzip ? gzipTag(etag) : etag)
  headers.set('content-length', String(body.byteLength))
  return new Response(req.method === 'HEAD' ? null : (body as BodyInit), { headers })
}
