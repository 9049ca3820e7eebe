/**
 * The handler's runtime smoke: the same requests against `createHandler` with the memory adapter,
 * answered in whatever runtime runs this (Node, Deno, Bun, workerd); the report (statuses,
 * headers that matter, bodies with request ids masked) must be identical everywhere.
 * Web APIs only: this file is bundled for every runtime.
 */
import { createMemoryStorage } from '@imgproc/storage'
import { createHandler } from '../../app.js'
import { createAuthenticator, createMemoryCredentialStore } from '../../auth/index.js'
import { createServerMetrics } from '../../metrics/index.js'

export interface SmokeEntry {
  request: string
  status: number
  headers: Record<string, string | null>
  body: string
}

const HEADERS = ['content-type', 'etag', 'content-range', 'x-obs-api', 'x-obs-error-code', 'retry-after']

export async function runHandlerSmoke(): Promise<SmokeEntry[]> {
  const storage = createMemoryStorage()
  const handler = createHandler({
    storage,
    auth: createAuthenticator({ credentials: createMemoryCredentialStore({ ak: 'sk' }) }),
    metrics: createServerMetrics(),
  })
  await storage.createBucket('bkt', { acl: 'public-read-write' })
  await storage.putStyle('bkt', { name: 'thumb', content: 'image/resize,w_10' })
  const steps: Array<[string, RequestInit & { host?: string }]> = [
    ['PUT /bkt/dir/a%20b.txt', { method: 'PUT', body: 'hello world', headers: { 'content-type': 'text/plain', 'content-md5': 'XrY7u+Ae7tCTyyK7j1rNww==' } }],
    ['GET /bkt/dir/a%20b.txt', {}],
    ['GET /dir/a%20b.txt', { host: 'bkt.oss-cn-hangzhou.aliyuncs.com' }],
    ['GET /bkt/dir/a%20b.txt#range', { headers: { range: 'bytes=0-4' } }],
    ['GET /bkt/missing.txt', {}],
    ['PUT /bkt/bad-md5', { method: 'PUT', body: 'x', headers: { 'content-md5': 'XrY7u+Ae7tCTyyK7j1rNww==' } }],
    ['GET /bkt/?prefix=dir/', {}],
    ['GET /bkt/?style&styleName=thumb', {}],
    ['GET /bkt/dir/a%20b.txt?x-oss-process=image/resize,w_0', {}],
    ['GET /bkt/dir/a%20b.txt?x-oss-process=style/none', {}],
    ['HEAD /?apiversion', { method: 'HEAD', host: 'bkt.localhost' }],
    ['HEAD /bkt/missing.txt', { method: 'HEAD', headers: { 'x-obs-date': 'Sat, 21 Nov 2026 10:00:00 GMT' } }],
    ['GET /bkt/dir/a%20b.txt#signed-wrong', { headers: { authorization: 'OSS ak:AAAAAAAAAAAAAAAAAAAAAAAAAAA=', 'x-oss-date': new Date().toUTCString() } }],
    ['GET /-/health', {}],
  ]
  const report: SmokeEntry[] = []
  for (const [label, init] of steps) {
    const [method, target] = label.split(' ') as [string, string]
    const headers = new Headers(init.headers)
    if (init.host) headers.set('host', init.host)
    const res = await handler(new Request(`http://localhost:8080${target.replace(/#.*$/, '')}`, { ...init, method, headers }))
    // request ids and clock times differ from run to run; everything else must not
    const body = (await res.text())
      .replace(/[0-9A-F]{24}/g, '<id>')
      .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<iso-time>')
      .replace(/\w{3}, \d\d \w{3} \d{4} [\d:]+ GMT/g, '<http-time>')
    report.push({ request: label, status: res.status, headers: Object.fromEntries(HEADERS.map((name) => [name, res.headers.get(name)])), body })
  }
  return report
}
