import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { bundleForBrowser, type BrowserBundle } from './browser-bundle.js'

const entry = (name: string) => fileURLToPath(new URL(`./entries/${name}.ts`, import.meta.url))
/** esbuild needs an out directory to name chunks; nothing is written (write: false) */
const OUT = fileURLToPath(new URL('../../test-artifacts/browser-bundle', import.meta.url))
/** The floor for a page that resizes a JPEG to WebP: JavaScript loaded up front, gzipped, WASM apart. */
const MAX_GZIPPED = 150 * 1024
/**
 * The optional parts, by source path: ICC (jsColorEngine), fonts and text (opentype.js, ops' text
 * folder, @imgproc/fonts and its HarfBuzz), HEIC (the libheif glue), TIFF (UTIF and its pako),
 * AVIF's glue.
 */
const OPTIONAL = /jscolorengine|opentype\.js|ops\/src\/text\/|packages\/fonts\/|harfbuzz|libheif|utif2|\/pako\/|@jsquash\/avif|@jsquash\+avif|icc\/(to-srgb|cmyk)\.ts/

function optionalParts(chunks: BrowserBundle['upFront']): string[] {
  return chunks.flatMap((chunk) => chunk.inputs).filter((input) => OPTIONAL.test(input))
}

describe('a browser page bundled with plain esbuild (no external list)', () => {
  it('resizing a JPEG to WebP with named codecs loads <= 150 KB of gzipped script up front, none of the optional parts', async () => {
    const bundle = await bundleForBrowser(entry('jpeg-to-webp'), OUT)
    expect(bundle.gzipped).toBeLessThanOrEqual(MAX_GZIPPED)
    expect(optionalParts(bundle.upFront)).toEqual([])
    expect(bundle.byDependency['@jsquash/webp']).toBeGreaterThan(0)
  })

  it('the default engine (every codec) loads the same way, the optional parts in chunks of their own', async () => {
    const bundle = await bundleForBrowser(entry('default-engine'), OUT)
    expect(bundle.gzipped).toBeLessThanOrEqual(MAX_GZIPPED)
    expect(optionalParts(bundle.upFront)).toEqual([])
    const later = optionalParts(bundle.onDemand).join('\n')
    for (const part of ['jscolorengine', 'opentype.js', 'ops/src/text/', 'libheif-glue.js', 'utif2', 'pako', 'avif_dec.js']) expect(later).toContain(part)
  })

  it('bundles without code splitting too (everything inlined into one file), still resolving no Node built-in', async () => {
    const bundle = await bundleForBrowser(entry('default-engine'), OUT, { splitting: false })
    expect(bundle.upFront).toHaveLength(1)
    expect(bundle.onDemand).toEqual([])
  })
})
