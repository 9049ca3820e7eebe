/**
 * The packages as a user gets them: every workspace package packed with `pnpm pack`, the tarballs
 * installed with npm into a fresh project outside the repository, and from there the README's
 * examples (Node, Bun, Deno; the browser one bundled with plain esbuild and run in Chromium, and
 * weighed), a CJK text watermark on a machine without fonts, the `imgproc` bin, and the installed
 * server with its playground. See README.md here for what each check covers and needs.
 *
 * Needs `pnpm build` first (CI runs it before the tests). Missing or stale dist/ folders skip this
 * file with the reason; in CI (CI=true or IMGPROC_REQUIRE_RUNTIMES=1) they fail it.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decode, encode, sniff } from '@imgproc/codecs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { locate, requireAll } from '../runtime/harness/binaries.js'
import { run } from '../runtime/harness/spawn.js'
import { bundleBrowserExample, runBrowserExample, type BrowserBundle } from './browser-example.js'
import { cjkWatermarkStrings, differingPixels, WATERMARK_SCRIPT } from './cjk-watermark.js'
import { fontFolders, hiddenFontsUnavailable, runWithoutFonts } from './hidden-fonts.js'
import { ossV1Request, startInstalledServer } from './installed-server.js'
import { builtProblem, cleanEnv, installTarballs, packAll, publishablePackages } from './packages.js'
import { readmeExample } from './readme-examples.js'
import { tarballProblems } from './tarball-contents.js'

const MAX_INITIAL_GZIP_BYTES = 150 * 1024

const packages = publishablePackages()
const problem = process.env.IMGPROC_PACK_TEST === '1' ? undefined : builtProblem(packages)
if (problem) {
  if (requireAll) throw new Error(`the pack test needs the built packages: ${problem}`)
  console.warn(`pack test skipped: ${problem} (IMGPROC_PACK_TEST=1 runs it on whatever dist/ there is)`)
}

/** A 640x480 JPEG with some structure, made by our own encoder. */
async function photo(): Promise<Uint8Array> {
  const width = 640
  const height = 480
  const data = new Uint8ClampedArray(width * height * 4)
  for (let i = 0; i < width * height; i++) data.set([(i % width) * 0.4 + 60, (i / width) * 0.4 + 60, 160, 255], i * 4)
  return encode({ width, height, data }, 'jpeg')
}

describe.skipIf(problem !== undefined)('the packed packages, installed with npm in a fresh project', () => {
  let work = ''
  let project = ''
  let jpeg: Uint8Array
  const env = cleanEnv()

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'imgproc-pack-'))
    project = join(work, 'project')
    const tarballs = await packAll(packages, join(work, 'tarballs'))
    await installTarballs(project, tarballs)
    jpeg = await photo()
    await writeFile(join(project, 'photo.jpg'), jpeg)
  }, 300_000)

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true })
  })

  it('every tarball is complete: workspace ranges resolved, exports and bin present, imports declared, files beside the code shipped', () => {
    const problems = packages.flatMap(({ name }) => tarballProblems(join(project, 'node_modules', name)))
    expect(problems).toEqual([])
  })

  /** Runs `file` (with `code` in it) in the project; the thumbnail it writes. */
  async function thumbnailBy(command: string, args: string[], file: string, code: string): Promise<Uint8Array> {
    await rm(join(project, 'thumb.webp'), { force: true })
    await writeFile(join(project, file), code)
    const out = await run(command, [...args, file], { cwd: project, env, timeoutMs: 90_000 })
    expect(out.code, `${command} ${file}:\n${out.stdout}\n${out.stderr}`).toBe(0)
    return new Uint8Array(await readFile(join(project, 'thumb.webp')))
  }

  async function expectThumbnail(bytes: Uint8Array): Promise<void> {
    expect(sniff(bytes)).toBe('webp')
    const { image } = await decode(bytes)
    expect([image.width, image.height]).toEqual([300, 225])
  }

  it("runs the README's Node example, with no set-up call", async () => {
    await expectThumbnail(await thumbnailBy(process.execPath, [], 'thumb.mjs', readmeExample('node')))
  }, 90_000)

  for (const runtime of ['bun', 'deno'] as const) {
    const where = locate(runtime)
    const skip = where.missing !== undefined && !requireAll
    if (skip) console.warn(`pack test: skipping ${runtime}: ${where.missing}`)
    it.skipIf(skip)(`runs the README's ${runtime === 'bun' ? 'Node example in Bun' : 'Deno example in Deno'}`, async () => {
      if (!where.path) throw new Error(`${runtime} is required in CI: ${where.missing}`)
      const args = runtime === 'bun' ? [] : ['run', '--quiet', '--no-prompt', '--allow-read', '--allow-write']
      const code = readmeExample(runtime === 'bun' ? 'node' : 'deno')
      const previous = env.DENO_DIR
      env.DENO_DIR = join(work, 'deno')
      try {
        await expectThumbnail(await thumbnailBy(where.path, args, runtime === 'bun' ? 'thumb-bun.mjs' : 'thumb-deno.js', code))
      } finally {
        env.DENO_DIR = previous
      }
    }, 120_000)
  }

  const fontsHidden = hiddenFontsUnavailable()
  it('draws a CJK text watermark on a machine without fonts (the engine, and imgproc)', async (context) => {
    const unavailable = await fontsHidden
    if (unavailable) {
      if (requireAll) throw new Error(`CI must run the fonts-hidden check: ${unavailable}`)
      console.warn(`pack test: skipping the fonts-hidden watermark: ${unavailable}`)
      return context.skip()
    }
    const strings = cjkWatermarkStrings()
    await writeFile(join(project, 'watermark.mjs'), WATERMARK_SCRIPT)
    const out = await runWithoutFonts(process.execPath, ['watermark.mjs', JSON.stringify({ folders: fontFolders(), strings })], { cwd: project, env, timeoutMs: 90_000 })
    expect(out.code, `${out.stdout}\n${out.stderr}`).toBe(0)
    const report = JSON.parse(out.stdout.trim().split('\n').pop()!) as { visible: string[]; failed: Record<string, string> }
    expect(report.visible, 'font files still visible inside the namespace').toEqual([])
    expect(report.failed).toEqual({})
    const cli = await runWithoutFonts(join(project, 'node_modules/.bin/imgproc'), ['process', 'photo.jpg', strings.first, '-o', 'cli-first.png'], { cwd: project, env, timeoutMs: 60_000 })
    expect(cli.code, cli.stderr).toBe(0)
    const read = async (name: string) => (await decode(new Uint8Array(await readFile(join(project, name))))).image
    const [plain, first, second, viaCli] = await Promise.all(['plain.png', 'first.png', 'second.png', 'cli-first.png'].map(read))
    const total = plain!.width * plain!.height
    // glyphs drawn: each string changes pixels; different characters change them differently
    // (boxes for missing glyphs would look alike for both strings)
    for (const [name, image] of [['first', first], ['second', second], ['imgproc', viaCli]] as const) expect(differingPixels(plain!, image!), name).toBeGreaterThan(total * 0.005)
    expect(differingPixels(first!, second!), 'the two strings drew the same pixels (missing glyphs?)').toBeGreaterThan(total * 0.005)
  }, 120_000)

  it('imgproc (the bin): --help through npx, -o out.png writes PNG, paths relative to the folder it runs in', async () => {
    // `--no`: the installed bin or an error, never a registry download of some other `imgproc`
    const help = await run('npx', ['--no', '--', 'imgproc', '--help'], { cwd: project, env, timeoutMs: 60_000 })
    expect(help.code, help.stderr).toBe(0)
    expect(help.stdout).toMatch(/^Usage: imgproc <command>/)
    const folder = join(work, 'elsewhere')
    await mkdir(folder, { recursive: true })
    await writeFile(join(folder, 'in.jpg'), jpeg)
    const out = await run(join(project, 'node_modules/.bin/imgproc'), ['process', 'in.jpg', 'image/resize,w_100', '-o', 'out.png'], { cwd: folder, env, timeoutMs: 60_000 })
    expect(out.code, out.stderr).toBe(0)
    const bytes = new Uint8Array(await readFile(join(folder, 'out.png')))
    expect(sniff(bytes)).toBe('png')
    expect((await decode(bytes)).image.width).toBe(100)
  }, 90_000)

  it('imgproc serve: the printed playground answers (page, script, WASM) and an uploaded JPEG comes back processed', async () => {
    const server = await startInstalledServer(project, env)
    try {
      const page = await fetch(server.playgroundUrl)
      expect(page.status, server.banner).toBe(200)
      expect(await page.text()).toContain('/-/playground/app.js')
      const app = await fetch(`${server.origin}/-/playground/app.js`)
      expect(app.status).toBe(200)
      expect(app.headers.get('content-type')).toMatch(/^text\/javascript/)
      // app.js and the chunks it imports (statically or on demand), each fetched once
      const scripts = new Map<string, string>([['app.js', await app.text()]])
      for (const [, text] of scripts) {
        for (const [, chunk] of text.matchAll(/["']\.\/([\w.-]+\.js)["']/g)) {
          if (scripts.has(chunk!)) continue
          const response = await fetch(`${server.origin}/-/playground/${chunk}`)
          expect(response.status, chunk).toBe(200)
          scripts.set(chunk!, await response.text())
        }
      }
      const script = [...scripts.values()].join('\n')
      // every .wasm the page's scripts fetch beside themselves is served
      const wasm = [...new Set([...script.matchAll(/new URL\(\s*["']\.\/([\w.-]+\.wasm)["']/g)].map((m) => m[1]!))]
      expect(wasm).toContain('libjpeg_turbo.wasm')
      for (const name of wasm) {
        const response = await fetch(`${server.origin}/-/playground/${name}`)
        expect([response.status, response.headers.get('content-type')], name).toEqual([200, 'application/wasm'])
        await response.arrayBuffer()
      }
      const bucket = `${server.origin}/packtest`
      const created = ossV1Request('PUT', bucket)
      expect((await fetch(created.url, created.init)).status).toBe(200)
      const put = ossV1Request('PUT', `${bucket}/photo.jpg`, { 'content-type': 'image/jpeg', 'x-oss-object-acl': 'public-read' })
      const stored = await fetch(put.url, { ...put.init, body: jpeg })
      expect(stored.status, await stored.text()).toBe(200)
      const processed = await fetch(`${bucket}/photo.jpg?x-oss-process=image/resize,w_50`)
      expect(processed.status).toBe(200)
      expect((await decode(new Uint8Array(await processed.arrayBuffer()))).image.width).toBe(50)
    } finally {
      expect(await server.stop()).toBe(0)
    }
  }, 120_000)

  it('imgproc serve on a port in use: one line naming the port and how to change it, exit 1', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as AddressInfo
    try {
      const args = ['serve', '--port', String(port), '--host', '127.0.0.1', '--data', join(work, 'busy'), '--workers', '1', '--no-demo']
      const out = await run(join(project, 'node_modules/.bin/imgproc'), args, { cwd: project, env: { ...env, IMGPROC_CREDENTIALS_FILE: join(work, 'busy.json') }, timeoutMs: 30_000 })
      expect(out.code).toBe(1)
      expect(out.stderr).toMatch(new RegExp(`^imgproc: port ${port} is already in use: .*IMGPROC_PORT.*\\n$`))
    } finally {
      blocker.close()
    }
  }, 60_000)

  let bundled: Promise<BrowserBundle> | undefined
  const browserBundle = async () => {
    bundled ??= writeFile(join(project, 'main.js'), readmeExample('browser')).then(() => bundleBrowserExample(project, 'main.js'))
    return bundled
  }

  const chromium = locate('chromium')
  const noChromium = chromium.missing !== undefined && !requireAll
  if (noChromium) console.warn(`pack test: skipping the browser example: ${chromium.missing}`)
  it.skipIf(noChromium)("the README's browser example, bundled with plain esbuild, resizes a JPEG to WebP in Chromium", async () => {
    if (!chromium.path) throw new Error(`chromium is required in CI: ${chromium.missing}`)
    const result = await runBrowserExample(chromium.path, await browserBundle(), 'main.js', jpeg)
    expect(result).toMatchObject({ width: 300, height: 225, type: 'image/webp' })
    expect(String.fromCharCode(...result.head.slice(0, 4), ...result.head.slice(8, 12))).toBe('RIFFWEBP')
  }, 120_000)

  it(`that bundle loads at most ${MAX_INITIAL_GZIP_BYTES / 1024} KB of gzipped script before it runs`, async () => {
    const bundle = await browserBundle()
    const sizes = Object.entries(bundle.files).map(([file, bytes]) => `${file} ${(bytes / 1024).toFixed(1)} KB`).join(', ')
    expect(bundle.initialGzipBytes, `initial script ${(bundle.initialGzipBytes / 1024).toFixed(1)} KB gz; every chunk: ${sizes}`).toBeLessThanOrEqual(MAX_INITIAL_GZIP_BYTES)
  }, 60_000)
})

