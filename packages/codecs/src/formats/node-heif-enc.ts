/**
 * Test-only (Node): makes a real HEIC from one of our images with Debian's `heif-enc`
 * (package libheif-examples, x265 inside libheif). We may not copy external images into the
 * repo, so HEIC fixtures are generated at test time; tests skip when heif-enc is absent.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RawImage } from '@imgproc/types'
import { pngCodec } from './png.js'

function findHeifEnc(): boolean {
  try {
    execFileSync('heif-enc', ['--list-encoders'], { stdio: 'pipe', timeout: 10_000 })
    return true
  } catch {
    return false
  }
}

/** True when `heif-enc` runs here. */
export const heifEncAvailable = findHeifEnc()

export const HEIF_ENC_MISSING = 'heif-enc not found (apt-get install libheif-examples): HEIC decode tests skipped'

/** `image` as PNG (our own encoder) -> heif-enc (x265) at `quality` -> HEIC bytes. */
export async function makeHeic(image: RawImage, quality = 90, extra: string[] = []): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'imgproc-heic-'))
  try {
    writeFileSync(join(dir, 'in.png'), await pngCodec.encode(image))
    execFileSync('heif-enc', ['-q', String(quality), ...extra, '-o', join(dir, 'out.heic'), join(dir, 'in.png')], { stdio: 'pipe', timeout: 60_000 })
    return new Uint8Array(readFileSync(join(dir, 'out.heic')))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
