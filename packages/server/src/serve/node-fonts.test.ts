import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createNodeEngine } from '@imgproc/engine/node'
import { bundledAssetPath } from '@imgproc/fonts/node'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { makeDemoImage } from '../demo.js'
import { checkFonts, fontHealth, withSystemFonts } from './node-fonts.js'
import { main } from './node-main.js'
import type { RunningServer } from './node.js'

const folder = () => mkdtempSync(join(tmpdir(), 'imgproc-fonts-'))

describe('checkFonts (at server start)', () => {
  it('finds the bundled fonts and the shaper: text rendering available, nothing to warn about', async () => {
    const report = await checkFonts()
    expect(report).toMatchObject({ status: 'available', shaping: 'ok', warnings: [] })
    expect(report.bundled).toEqual({ families: ['Noto Sans SC', 'Noto Sans Arabic', 'Noto Sans Hebrew', 'Noto Sans Devanagari', 'Noto Sans Thai'] })
  })

  it('warns about a font folder that is not there, and reports text rendering degraded', async () => {
    const report = await checkFonts({ fontDir: '/nonexistent/fonts' })
    expect(report.status).toBe('degraded')
    expect(report.warnings).toEqual([expect.stringMatching(/^font folder \/nonexistent\/fonts cannot be read \(.*ENOENT.*\): the bundled fonts draw every text watermark$/)])
    expect(fontHealth(report)).toMatchObject({ status: 'degraded', fontDir: { path: '/nonexistent/fonts', found: [] }, problems: 1 })
  })

  it('lists the OSS names a folder holds, warns about a file that is no font, and about a folder holding none', async () => {
    const dir = folder()
    copyFileSync(bundledAssetPath('noto-sans-sc-latin-400-normal.woff'), join(dir, 'wqy-zenhei.woff'))
    writeFileSync(join(dir, 'fangzhengkaiti.ttf'), 'this is not a font')
    const report = await checkFonts({ fontDir: dir })
    expect(report).toMatchObject({ status: 'available', fontDir: { path: dir, found: ['wqy-zenhei'] } })
    expect(report.warnings).toEqual([`font folder ${dir}: fangzhengkaiti.ttf is not a TrueType/OpenType/WOFF font; the bundled fonts draw its name instead`])
    const empty = await checkFonts({ fontDir: folder() })
    expect(empty.status).toBe('degraded')
    expect(empty.warnings[0]).toMatch(/holds none of wqy-zenhei\.ttf\|\.otf\|\.ttc\|\.woff, .*: the bundled fonts draw every text watermark/)
  })
})

describe('withSystemFonts (each worker thread, and the planner)', () => {
  it('turns fontDir into the engine\u2019s fonts and adds the system fonts as the last fallback', async () => {
    const dir = folder()
    writeFileSync(join(dir, 'wqy-zenhei.ttf'), Uint8Array.of(1, 2))
    const options = withSystemFonts({ fontDir: dir, label: 'kept' }) as { label: string; fontDir?: string; engineOptions: { fonts: (n: string) => Promise<Uint8Array | null>; fallbackFonts: unknown } }
    expect(options.label).toBe('kept')
    expect(options.fontDir).toBeUndefined()
    expect(await options.engineOptions.fonts('wqy-zenhei')).toEqual(Uint8Array.of(1, 2))
    expect(options.engineOptions.fallbackFonts).toHaveProperty('load')
    // the caller's own choices win; systemFonts: false reads no system font
    const own = withSystemFonts({ fontDir: dir, systemFonts: false, engineOptions: { fonts: { x: Uint8Array.of(9) } } }) as { engineOptions: Record<string, unknown> }
    expect(own.engineOptions).toEqual({ fonts: { x: Uint8Array.of(9) } })
  })
})

describe('main (pnpm start) with IMGPROC_FONT_DIR', () => {
  const servers: RunningServer[] = []
  const dirs: string[] = []
  afterAll(async () => {
    for (const server of servers) await server.close()
    for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  })

  async function start(fontDir: string): Promise<{ server: RunningServer; warnings: string[] }> {
    const dir = folder()
    dirs.push(dir)
    const warnings: string[] = []
    const warn = vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.join(' ')))
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
    try {
      const env = { IMGPROC_PORT: '0', IMGPROC_HOST: '127.0.0.1', IMGPROC_DATA_DIR: join(dir, 'data'), IMGPROC_CREDENTIALS_FILE: join(dir, 'credentials.json'), IMGPROC_WORKERS: '1', IMGPROC_PLAYGROUND: '0', IMGPROC_FONT_DIR: fontDir }
      const server = await main(env)
      servers.push(server)
      return { server, warnings }
    } finally {
      warn.mockRestore()
      log.mockRestore()
    }
  }

  it('says at start that the folder is missing, and /-/health reports text rendering degraded (the server still answers ok)', async () => {
    const { server, warnings } = await start('/nonexistent/imgproc-fonts')
    expect(warnings).toEqual([expect.stringMatching(/^imgproc: warning: font folder \/nonexistent\/imgproc-fonts cannot be read/)])
    const health = await fetch(`${server.url}/-/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok', text: { status: 'degraded', shaping: 'ok', fontDir: { path: '/nonexistent/imgproc-fonts', found: [] } } })
  })

  it('draws text watermarks in the worker threads with the folder\u2019s font first', async () => {
    // the folder's wqy-zenhei is Noto Sans Arabic: it has no Latin letters (the bundled fonts draw
    // them) but, as the first font, its taller line box moves the centred text: a visible difference
    const fontDir = folder()
    dirs.push(fontDir)
    copyFileSync(bundledAssetPath('noto-sans-arabic-arabic-400-normal.woff'), join(fontDir, 'wqy-zenhei.woff'))
    const { server, warnings } = await start(fontDir)
    expect(warnings).toEqual([])
    expect(await (await fetch(`${server.url}/-/health`)).json()).toMatchObject({ text: { status: 'available', fontDir: { found: ['wqy-zenhei'] } } })
    const process = 'image/watermark,text_SGVsbG8,size_60,g_center,x_0,y_0/format,png' // Hello
    const served = new Uint8Array(await (await fetch(`${server.url}/demo/demo.jpg?x-oss-process=${process}`)).arrayBuffer())
    const source = await makeDemoImage()
    const withFolder = await createNodeEngine({ fontDir, systemFonts: false })
    const bundledOnly = await createNodeEngine({ systemFonts: false })
    expect(served).toEqual((await withFolder.process(source, process)).bytes)
    expect(served).not.toEqual((await bundledOnly.process(source, process)).bytes)
  })
})
