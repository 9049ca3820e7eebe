import type { RawImage } from '@imgproc/types'

/**
 * Small ICC v2 profiles written from numbers, for tests: a matrix/TRC RGB display profile, a grey
 * one and a CMYK output profile with a 2-point grid. Only the tags a colour engine needs (desc,
 * wtpt, colorants and curves, or the A2B0 table).
 */

export type Xyz = readonly [number, number, number]
/** sRGB's colorants adapted to D50, as the sRGB IEC61966-2.1 profile carries them. */
export const SRGB_COLORANTS: { red: Xyz; green: Xyz; blue: Xyz } = {
  red: [0.4360747, 0.2225045, 0.0139322],
  green: [0.3850649, 0.7168786, 0.0971045],
  blue: [0.1430804, 0.0606169, 0.7141733],
}
const D50: Xyz = [0.9642, 1, 0.8249]
/** Display P3's colorants adapted to D50 (a wide-gamut profile for tests). */
export const P3_COLORANTS: { red: Xyz; green: Xyz; blue: Xyz } = {
  red: [0.515102, 0.241182, -0.00105],
  green: [0.291965, 0.692236, 0.041882],
  blue: [0.157153, 0.066582, 0.784378],
}
/** sRGB's colorants rotated: what the file calls red is sRGB green, green is blue, blue is red. */
export const ROTATED_COLORANTS: { red: Xyz; green: Xyz; blue: Xyz } = {
  red: SRGB_COLORANTS.green,
  green: SRGB_COLORANTS.blue,
  blue: SRGB_COLORANTS.red,
}
/** parametric curve type 3 with the sRGB constants */
export const SRGB_CURVE = { type: 3, params: [2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045] } as const

type Curve = { gamma: number } | { type: number; params: readonly number[] }

class Writer {
  readonly bytes: number[] = []
  u8(n: number) { this.bytes.push(n & 255) }
  u16(n: number) { this.u8(n >>> 8); this.u8(n) }
  u32(n: number) { this.u16(n >>> 16); this.u16(n & 0xffff) }
  s15(n: number) { this.u32(Math.round(n * 65536) >>> 0) }
  ascii(text: string) { for (const ch of text) this.u8(ch.charCodeAt(0)) }
  zeros(n: number) { for (let i = 0; i < n; i++) this.u8(0) }
  pad() { while (this.bytes.length % 4) this.u8(0) }
}

function xyzTag(xyz: Xyz): number[] {
  const w = new Writer()
  w.ascii('XYZ ')
  w.zeros(4)
  for (const v of xyz) w.s15(v)
  return w.bytes
}

function curveTag(curve: Curve): number[] {
  const w = new Writer()
  if ('gamma' in curve) {
    w.ascii('curv')
    w.zeros(4)
    w.u32(1)
    w.u16(Math.round(curve.gamma * 256))
  } else {
    w.ascii('para')
    w.zeros(4)
    w.u16(curve.type)
    w.zeros(2)
    for (const p of curve.params) w.s15(p)
  }
  w.pad()
  return w.bytes
}

function descTag(text: string): number[] {
  const w = new Writer()
  w.ascii('desc')
  w.zeros(4)
  w.u32(text.length + 1)
  w.ascii(text)
  w.u8(0)
  w.zeros(4 + 4 + 2 + 1 + 67)
  w.pad()
  return w.bytes
}

function profile(space: 'RGB ' | 'GRAY' | 'CMYK', tags: Array<[string, number[]]>): Uint8Array {
  const body = new Writer()
  const table: Array<[string, number, number]> = []
  let offset = 128 + 4 + tags.length * 12
  for (const [signature, data] of tags) {
    table.push([signature, offset, data.length])
    body.bytes.push(...data)
    offset += data.length
  }
  const w = new Writer()
  w.u32(offset)
  w.zeros(4)
  w.u32(0x02100000)
  w.ascii(space === 'CMYK' ? 'prtr' : 'mntr')
  w.ascii(space)
  w.ascii('XYZ ')
  w.zeros(12)
  w.ascii('acsp')
  w.zeros(4 + 4 + 4 + 4 + 8 + 4)
  for (const v of D50) w.s15(v)
  w.zeros(4 + 16 + 28)
  w.u32(tags.length)
  for (const [signature, at, size] of table) {
    w.ascii(signature)
    w.u32(at)
    w.u32(size)
  }
  return Uint8Array.from([...w.bytes, ...body.bytes])
}

/** An RGB display profile with the given colorants and one curve for all three channels. */
export function rgbProfile(name: string, colorants: { red: Xyz; green: Xyz; blue: Xyz }, curve: Curve = SRGB_CURVE): Uint8Array {
  const trc = curveTag(curve)
  return profile('RGB ', [
    ['desc', descTag(name)], ['wtpt', xyzTag(D50)],
    ['rXYZ', xyzTag(colorants.red)], ['gXYZ', xyzTag(colorants.green)], ['bXYZ', xyzTag(colorants.blue)],
    ['rTRC', trc], ['gTRC', trc], ['bTRC', trc],
  ])
}

/** A grey display profile with the given tone curve. */
export function greyProfile(name: string, curve: Curve): Uint8Array {
  return profile('GRAY', [['desc', descTag(name)], ['wtpt', xyzTag(D50)], ['kTRC', curveTag(curve)]])
}

/**
 * A CMYK profile whose A2B0 (lut16, PCS XYZ) has a 2-point grid: `corner(c, m, y, k)`, each 0 or 1,
 * gives the XYZ (D50) of that corner and the engine interpolates in between.
 */
export function cmykProfile(name: string, corner: (c: number, m: number, y: number, k: number) => Xyz): Uint8Array {
  const w = new Writer()
  w.ascii('mft2')
  w.zeros(4)
  w.u8(4) // input channels
  w.u8(3) // output channels
  w.u8(2) // grid points per channel
  w.u8(0)
  for (const v of [1, 0, 0, 0, 1, 0, 0, 0, 1]) w.s15(v)
  w.u16(2) // input table entries
  w.u16(2) // output table entries
  for (let i = 0; i < 4; i++) (w.u16(0), w.u16(0xffff))
  // grid, first input channel slowest; XYZ in lut16 is 0 .. 1 + 32767/32768 over 0 .. 65535
  for (const c of [0, 1]) for (const m of [0, 1]) for (const y of [0, 1]) for (const k of [0, 1]) {
    for (const v of corner(c, m, y, k)) w.u16(Math.min(0xffff, Math.max(0, Math.round(v * 32768))))
  }
  for (let i = 0; i < 3; i++) (w.u16(0), w.u16(0xffff))
  w.pad()
  return profile('CMYK', [['desc', descTag(name)], ['wtpt', xyzTag(D50)], ['A2B0', w.bytes]])
}

/** The naive CMYK -> RGB (R = (1 - C)(1 - K), ...) at the corners, as sRGB XYZ: for cmykProfile. */
export function naiveCmykCorner(c: number, m: number, y: number, k: number): Xyz {
  const [r, g, b] = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
  const { red, green, blue } = SRGB_COLORANTS
  const mix = (i: 0 | 1 | 2) => r * red[i] + g * green[i] + b * blue[i]
  return [mix(0), mix(1), mix(2)]
}

/** The profile as APP2 segments right after SOI, split in `parts` chunks written last first (readers must order them). */
export function embedInJpeg(jpeg: Uint8Array, profile: Uint8Array, parts = 1): Uint8Array {
  const size = Math.ceil(profile.length / parts)
  const segments: number[][] = []
  for (let i = 0; i < parts; i++) {
    const data = profile.subarray(i * size, (i + 1) * size)
    const length = 2 + 12 + 2 + data.length
    segments.push([0xff, 0xe2, length >> 8, length & 255, ...new TextEncoder().encode('ICC_PROFILE\0'), i + 1, parts, ...data])
  }
  segments.reverse()
  return Uint8Array.from([0xff, 0xd8, ...segments.flat(), ...jpeg.subarray(2)])
}

/** How pixels written under ROTATED_COLORANTS look in sRGB: file (r, g, b) shows as (b, r, g). */
export function seenThroughRotated(image: RawImage): RawImage {
  const data = new Uint8ClampedArray(image.data.length)
  for (let i = 0; i < data.length; i += 4) {
    data[i] = image.data[i + 2]!
    data[i + 1] = image.data[i]!
    data[i + 2] = image.data[i + 1]!
    data[i + 3] = image.data[i + 3]!
  }
  return { width: image.width, height: image.height, data }
}
