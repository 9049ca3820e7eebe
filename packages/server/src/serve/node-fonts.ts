/**
 * Fonts for text watermarks on a Node server, in the order each character looks for a glyph:
 * a font folder (`IMGPROC_FONT_DIR`, `--font-dir`: files named by OSS font name), the fonts
 * bundled with imgproc (@imgproc/fonts, read from disk), the system's fonts. Used by every worker
 * thread and by the main thread's planner, so both measure text the same way; checked once at
 * start, so a missing folder or a broken install is a log line and a health field, not a 501 on
 * the first watermark.
 */
import { open, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fontsFromDirectory, FONT_FILE_TYPES } from '@imgproc/engine/node'
import { bundledFamilies, bundledFilesFor, loadHarfBuzz, readAsset } from '@imgproc/fonts'
import { useNodeFontAssets } from '@imgproc/fonts/node'
import { FONTS } from '@imgproc/grammar'
import { fontContainer } from '@imgproc/ops'
import { createNodeFontProvider } from '@imgproc/ops/node'

/** The font settings a worker's factory options may carry (plain values: they cross to worker threads). */
export interface FontSetup {
  /** folder of fonts named by OSS font name (`wqy-zenhei.ttc`, `latin-sans.ttf`, ...) */
  fontDir?: string
  /** false: never read the system's fonts; default true */
  systemFonts?: boolean
}

/** The names a font folder may hold: the seven OSS fonts and the Latin fallback. */
export const FONT_DIR_NAMES: readonly string[] = [...FONTS, 'latin-sans']

/**
 * The processor options with the engine's fonts filled in from `fontDir` / `systemFonts` (which
 * are taken out): `engineOptions.fonts` from the folder and `engineOptions.fallbackFonts` from
 * the system, unless the caller set them. The bundled fonts are the engine's own default.
 */
export function withSystemFonts(options: Record<string, unknown>): Record<string, unknown> {
  useNodeFontAssets()
  const { fontDir, systemFonts, ...rest } = options as Record<string, unknown> & FontSetup
  const engineOptions = (rest.engineOptions ?? {}) as { fonts?: unknown; fallbackFonts?: unknown }
  return {
    ...rest,
    engineOptions: {
      ...engineOptions,
      ...(engineOptions.fonts || !fontDir ? {} : { fonts: fontsFromDirectory(fontDir) }),
      ...(engineOptions.fallbackFonts || systemFonts === false ? {} : { fallbackFonts: createNodeFontProvider() }),
    },
  }
}

/** What the start-up check found; `GET /-/health` reports it as `text`. */
export interface FontReport {
  /** available: every watermark can be drawn; degraded: some fonts or the shaper are missing */
  status: 'available' | 'degraded'
  /** the bundled families, or why they cannot be read */
  bundled: { families: string[] } | { error: string }
  /** HarfBuzz (Arabic, Hebrew, Indic, Thai shaping): ok, or why not */
  shaping: 'ok' | { error: string }
  fontDir?: { path: string; found: string[]; error?: string }
  /** one line each, for the log */
  warnings: string[]
}

/** The OSS names found in `dir` as font files; throws when the folder cannot be read. */
async function scanFontDir(dir: string): Promise<{ found: string[]; broken: string[] }> {
  if (!(await stat(dir)).isDirectory()) throw new Error('not a folder')
  const found: string[] = []
  const broken: string[] = []
  for (const name of FONT_DIR_NAMES) {
    for (const type of FONT_FILE_TYPES) {
      const path = join(dir, `${name}.${type}`)
      const head = await readHead(path)
      if (!head) continue
      if (fontContainer(head) === 'unknown' || fontContainer(head) === 'woff2') broken.push(`${name}.${type}`)
      else found.push(name)
      break
    }
  }
  return { found, broken }
}

async function readHead(path: string): Promise<Uint8Array | null> {
  let file
  try {
    file = await open(path, 'r')
  } catch {
    return null
  }
  try {
    const head = new Uint8Array(12)
    const { bytesRead } = await file.read(head, 0, 12, 0)
    return head.subarray(0, bytesRead)
  } finally {
    await file.close()
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Checks the fonts a server will draw with: reads the bundled files a Latin and a Chinese
 * watermark need, starts HarfBuzz, and scans the font folder. Never throws: what is wrong
 * becomes a warning (to log) and a `degraded` status (for the health check).
 */
export async function checkFonts(setup: FontSetup = {}): Promise<FontReport> {
  useNodeFontAssets()
  const warnings: string[] = []
  let bundled: FontReport['bundled']
  try {
    await Promise.all(bundledFilesFor('Hello 图片服务').map((face) => readAsset(face.file)))
    bundled = { families: bundledFamilies().map((family) => family.family) }
  } catch (error) {
    bundled = { error: message(error) }
    warnings.push(`the bundled fonts cannot be read (${message(error)}): text watermarks draw only with ${setup.fontDir ? 'the font folder and ' : ''}the system's fonts`)
  }
  let shaping: FontReport['shaping'] = 'ok'
  try {
    await loadHarfBuzz()
  } catch (error) {
    shaping = { error: message(error) }
    warnings.push(`the text shaper (HarfBuzz) cannot start (${message(error)}): Arabic, Hebrew, Indic and Thai watermarks will fail`)
  }
  let fontDir: FontReport['fontDir']
  if (setup.fontDir) {
    try {
      const { found, broken } = await scanFontDir(setup.fontDir)
      fontDir = { path: setup.fontDir, found }
      for (const file of broken) warnings.push(`font folder ${setup.fontDir}: ${file} is not a TrueType/OpenType/WOFF font; the bundled fonts draw its name instead`)
      if (found.length === 0) {
        warnings.push(`font folder ${setup.fontDir} holds none of ${FONT_DIR_NAMES.map((n) => `${n}.ttf|.otf|.ttc|.woff`).join(', ')}: the bundled fonts draw every text watermark`)
      }
    } catch (error) {
      fontDir = { path: setup.fontDir, found: [], error: message(error) }
      warnings.push(`font folder ${setup.fontDir} cannot be read (${message(error)}): the bundled fonts draw every text watermark`)
    }
  }
  const degraded = 'error' in bundled || shaping !== 'ok' || Boolean(fontDir?.error) || (fontDir !== undefined && fontDir.found.length === 0)
  return { status: degraded ? 'degraded' : 'available', bundled, shaping, ...(fontDir ? { fontDir } : {}), warnings }
}

/** The report as `GET /-/health` shows it (without the log lines). */
export function fontHealth(report: FontReport): Record<string, unknown> {
  const { warnings, ...rest } = report
  return { ...rest, ...(warnings.length > 0 ? { problems: warnings.length } : {}) }
}
