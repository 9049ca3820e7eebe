// The fetch handler in Deno, Bun and Cloudflare workerd: the smoke report of each runtime must
// equal Node's, request by request. Uses the runtime matrix's harness (test/runtime/harness:
// binary lookup, esbuild bundling from source, runners). A missing binary is a skip with the
// reason on a developer machine and a failure in CI, as in the runtime matrix.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { locate, requireAll, type RuntimeName } from '../../../../test/runtime/harness/binaries.js'
import { bundle } from '../../../../test/runtime/harness/bundle.js'
import { runBun, runDeno, runWorkerd } from '../../../../test/runtime/harness/runners.js'
import { runHandlerSmoke } from './runtime/handler-smoke.js'

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))
const RUNTIMES: Array<{ name: Exclude<RuntimeName, 'chromium'>; entry: string; run: typeof runDeno }> = [
  { name: 'deno', entry: here('./runtime/deno-bun-entry.ts'), run: runDeno },
  { name: 'bun', entry: here('./runtime/deno-bun-entry.ts'), run: runBun },
  { name: 'workerd', entry: here('./runtime/workerd-entry.ts'), run: runWorkerd },
]

const dir = await mkdtemp(join(tmpdir(), 'imgproc-server-runtimes-'))
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('the fetch handler in every runtime', async () => {
  const node = await runHandlerSmoke()

  it('answers the smoke requests as expected in Node', () => {
    const status = Object.fromEntries(node.map((entry) => [entry.request, entry.status]))
    expect(status).toMatchObject({ 'PUT /bkt/dir/a%20b.txt': 200, 'GET /bkt/missing.txt': 404, 'PUT /bkt/bad-md5': 400, 'HEAD /?apiversion': 200, 'GET /-/health': 200 })
    expect(node.find((e) => e.request.endsWith('#range'))?.body).toBe('hello')
  })

  for (const runtime of RUNTIMES) {
    const located = locate(runtime.name)
    if (located.missing) {
      if (requireAll) it(`${runtime.name} is available`, () => expect.fail(located.missing))
      else it.skip(`${runtime.name}: ${located.missing}`, () => {})
      continue
    }
    it(`${runtime.name} gives Node's report`, async () => {
      const built = await bundle({ entry: runtime.entry, outdir: join(dir, runtime.name), platform: 'neutral' })
      const report = await runtime.run(located.path!, built)
      expect(report).toEqual(node)
    })
  }
})
