/**
 * CMYK and YCCK JPEGs: patch files written by jpeg-cmyk.fixture.ts (exact samples, no encoder),
 * decoded through libvips' standard CMYK profile or the file's own. The expected colours come from
 * the profile itself, evaluated by jsColorEngine's pipeline without the 8-bit LUT the decoder uses.
 * The comparison with sharp is in jpeg-cmyk-sharp.test.ts.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import jce from 'jscolorengine'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RawImage } from '@imgproc/types'
import { decode, probe } from '../index.js'
import { initNode } from '../node.js'
import { defaultCmykProfile } from '../icc/cmyk.js'
import { DEFAULT_CMYK_PROFILE_SHA256 } from '../icc/default-cmyk-profile.js'
import { profileSpace } from '../icc/profile-header.js'
import { cmykProfile, embedInJpeg, naiveCmykCorner, rgbProfile, SRGB_COLORANTS } from '../icc/synthetic-profiles.js'
import { cmykJpeg, withoutSegments, type Ink } from './jpeg-cmyk.fixture.js'

const PATCHES: Array<[string, Ink]> = [
  ['white', [0, 0, 0, 0]],
  ['cyan', [255, 0, 0, 0]],
  ['magenta', [0, 255, 0, 0]],
  ['yellow', [0, 0, 255, 0]],
  ['black', [0, 0, 0, 255]],
  ['red (M+Y)', [0, 255, 255, 0]],
  ['green (C+Y)', [255, 0, 255, 0]],
  ['blue (C+M)', [255, 255, 0, 0]],
  ['50% black', [0, 0, 0, 128]],
  ['a skin tone', [20, 45, 60, 5]],
]
/** 16x16 per patch, side by side */
const patchJpeg = (kind: 'cmyk' | 'ycck' | 'cmyk-no-app14') => cmykJpeg({ width: 16 * PATCHES.length, height: 16, block: (bx) => PATCHES[bx >> 1]![1], kind })
const centre = (image: RawImage, patch: number): number[] => Array.from(image.data.subarray((8 * image.width + patch * 16 + 8) * 4, (8 * image.width + patch * 16 + 8) * 4 + 3))

/** The patches through `profile` to sRGB (perceptual, as the decoder), without the 8-bit LUT. */
function expectedThrough(profile: Uint8Array): number[][] {
  const source = new jce.Profile()
  source.loadBinary(profile)
  const transform = new jce.Transform({ buildLut: false, dataFormat: 'int8' })
  transform.create(source, '*sRGB', jce.eIntent.perceptual)
  const rgb = transform.transformArray(Uint8Array.from(PATCHES.flatMap(([, ink]) => [...ink])), false, false)
  return PATCHES.map((_, i) => Array.from(rgb.subarray(i * 3, i * 3 + 3)))
}

function expectPatches(image: RawImage, expected: number[][], tolerance: number): void {
  PATCHES.forEach(([name], i) => {
    const got = centre(image, i)
    const worst = Math.max(...got.map((v, c) => Math.abs(v - expected[i]![c]!)))
    expect(worst, `${name}: got ${got}, expected ${expected[i]} +-${tolerance}`).toBeLessThanOrEqual(tolerance)
  })
}

beforeAll(() => initNode())
const standardProfile = await defaultCmykProfile()

describe('CMYK and YCCK JPEGs without a profile: libvips\' standard CMYK profile', () => {
  const expected = expectedThrough(standardProfile)

  it('the expected colours are what those inks look like (independent sanity bounds)', () => {
    const [white, cyan, magenta, yellow, black, red, green, blue, grey] = expected
    expect(Math.min(...white!)).toBeGreaterThanOrEqual(250)
    expect(Math.max(...black!)).toBeLessThan(40)
    expect(cyan![0]).toBeLessThan(40), expect(cyan![2]).toBeGreaterThan(180)
    expect(magenta![1]).toBeLessThan(40), expect(magenta![0]).toBeGreaterThan(180)
    expect(yellow![2]).toBeLessThan(40), expect(Math.min(yellow![0]!, yellow![1]!)).toBeGreaterThan(200)
    expect(red![0]).toBeGreaterThan(180), expect(Math.max(red![1]!, red![2]!)).toBeLessThan(60)
    expect(green![1]).toBeGreaterThan(100), expect(Math.max(green![0]!, green![2]!)).toBeLessThan(80)
    expect(blue![2]).toBeGreaterThan(80), expect(Math.max(blue![0]!, blue![1]!)).toBeLessThan(60)
    expect(Math.max(...grey!) - Math.min(...grey!)).toBeLessThanOrEqual(4)
  })

  it.each([
    ['cmyk', 2],
    ['ycck', 3], // + the rounding of the YCC transform, on both sides
    ['cmyk-no-app14', 2], // inverted all the same, as libvips does
  ] as const)('%s: every patch within %i levels of the profile\'s own answer', async (kind, tolerance) => {
    const jpeg = patchJpeg(kind)
    expect(probe(jpeg).colorType).toBe(kind === 'ycck' ? 'ycck' : 'cmyk')
    const { image } = await decode(jpeg)
    expect([image.width, image.height]).toEqual([16 * PATCHES.length, 16])
    expectPatches(image, expected, tolerance)
    for (let i = 3; i < image.data.length; i += 4) expect(image.data[i]).toBe(255)
  })

  it('a profile that is not CMYK (here RGB) is passed over for the standard one, as libvips does', async () => {
    const jpeg = patchJpeg('cmyk')
    const withRgb = embedInJpeg(jpeg, rgbProfile('sRGB', SRGB_COLORANTS))
    expect(Array.from((await decode(withRgb)).image.data)).toEqual(Array.from((await decode(jpeg)).image.data))
  })

  it('shrinks on load like any JPEG', async () => {
    const { image } = await decode(patchJpeg('ycck'), { minWidth: 8 * PATCHES.length })
    expect([image.width, image.height]).toEqual([8 * PATCHES.length, 8])
    PATCHES.forEach((_, i) => {
      const got = Array.from(image.data.subarray((4 * image.width + i * 8 + 4) * 4, (4 * image.width + i * 8 + 4) * 4 + 3))
      expect(Math.max(...got.map((v, c) => Math.abs(v - expected[i]![c]!)))).toBeLessThanOrEqual(3)
    })
  })
})

/** `jpeg` re-coded arithmetically by Debian's jpegtran (libjpeg-turbo-progs), or undefined without it. */
function arithmetic(jpeg: Uint8Array): Uint8Array | undefined {
  try {
    return new Uint8Array(execFileSync('jpegtran', ['-arithmetic'], { input: jpeg, stdio: 'pipe', timeout: 10_000 }))
  } catch {
    return undefined
  }
}
const hasJpegtran = arithmetic(patchJpeg('cmyk')) !== undefined
if (!hasJpegtran) console.warn('jpegtran not found (apt-get install libjpeg-turbo-progs): arithmetic-coded CMYK test skipped')

describe.skipIf(!hasJpegtran)('arithmetic-coded CMYK and YCCK', () => {
  it.each(['cmyk', 'ycck'] as const)('%s: decodes to the same pixels as the Huffman-coded file', async (kind) => {
    const huffman = patchJpeg(kind)
    const coded = arithmetic(huffman)!
    expect(probe(coded)).toMatchObject({ colorType: kind })
    expect(Array.from((await decode(coded)).image.data)).toEqual(Array.from((await decode(huffman)).image.data))
  })
})

describe('CMYK JPEGs with their own CMYK profile', () => {
  // a profile whose pure inks are the naive conversion: cyan is (0, 255, 255), far from the
  // standard profile's (0, ~153, ~228)
  const naive = cmykProfile('naive CMYK', naiveCmykCorner)
  const withNaive = embedInJpeg(patchJpeg('cmyk'), naive, 2)

  it('is used: the pure inks land on the profile\'s corners', async () => {
    expect(profileSpace(naive)).toBe('cmyk')
    const { image } = await decode(withNaive)
    const corners: Record<string, number[]> = { white: [255, 255, 255], cyan: [0, 255, 255], magenta: [255, 0, 255], yellow: [255, 255, 0], black: [0, 0, 0], 'red (M+Y)': [255, 0, 0] }
    PATCHES.forEach(([name], i) => {
      const want = corners[name]
      if (!want) return
      const got = centre(image, i)
      expect(Math.max(...got.map((v, c) => Math.abs(v - want[c]!))), `${name}: ${got}`).toBeLessThanOrEqual(2)
    })
    expectPatches(image, expectedThrough(naive), 2)
  })

  it('ignoreIcc ignores it, and the standard profile applies (sharp\'s ignoreIcc does the same)', async () => {
    const { image } = await decode(withNaive, { ignoreIcc: true })
    expectPatches(image, expectedThrough(await defaultCmykProfile()), 2)
    expect(Array.from(image.data)).toEqual(Array.from((await decode(withoutSegments(withNaive, 'icc'))).image.data))
  })

  it('a damaged one is passed over for the standard profile', async () => {
    const damaged = embedInJpeg(patchJpeg('cmyk'), naive.slice(0, 300))
    expect(Array.from((await decode(damaged)).image.data)).toEqual(Array.from((await decode(patchJpeg('cmyk'))).image.data))
  })
})

describe('the standard CMYK profile', () => {
  it('is libvips\' "Chemical proof" (public domain), the bytes the generator wrote', async () => {
    const bytes = await defaultCmykProfile()
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
    expect(Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')).toBe(DEFAULT_CMYK_PROFILE_SHA256)
    expect(profileSpace(bytes)).toBe('cmyk')
    const text = new TextDecoder('latin1').decode(bytes)
    expect(text).toContain('Chemical proof')
    expect(text).toContain('Released into the public domain')
  })

  it('is imported dynamically only, so bundles without CMYK JPEGs leave it out', () => {
    const src = fileURLToPath(new URL('..', import.meta.url))
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [join(dir, entry.name)] : [])
    const staticImports = walk(src).filter((file) => /^\s*(import|export)[^;]*from\s+['"][^'"]*default-cmyk-profile(\.js)?['"]/m.test(readFileSync(file, 'utf8')))
    expect(staticImports).toEqual([])
  })
})
