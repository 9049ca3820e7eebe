/**
 * EXIF blocks written byte by byte for tests (no EXIF writer exists in the codecs: outputs carry
 * none, see the engine README). A block is the TIFF structure of an EXIF APP1: IFD0, the Exif and
 * GPS sub-IFDs it points to, and IFD1, the thumbnail IFD, whose JPEGInterchangeFormat and
 * JPEGInterchangeFormatLength are filled in to point at the thumbnail written after it, as
 * cameras and f.jpg of spec §0 lay it out. The pointer tags are added by the writer.
 */

/** One IFD entry: TIFF field type and its values (ASCII text gets its NUL here). */
export type ExifEntry =
  | { tag: number; type: 'ascii'; value: string }
  | { tag: number; type: 'byte' | 'undefined' | 'short' | 'long'; value: readonly number[] }
  | { tag: number; type: 'rational'; value: ReadonlyArray<readonly [number, number]> }

export interface ExifBlockSpec {
  ifd0: readonly ExifEntry[]
  /** the Exif sub-IFD (pointer 0x8769 added to IFD0) */
  exif?: readonly ExifEntry[]
  /** the GPS sub-IFD (pointer 0x8825 added to IFD0) */
  gps?: readonly ExifEntry[]
  /** IFD1 (the next IFD after IFD0) */
  ifd1?: readonly ExifEntry[]
  /** a JPEG thumbnail stored after IFD1, which then gets tags 0x0201/0x0202 pointing at it */
  thumbnail?: Uint8Array
  /** 'II' instead of 'MM' (f.jpg is big-endian) */
  littleEndian?: boolean
}

const TYPE: Record<ExifEntry['type'], { code: number; size: number }> = {
  byte: { code: 1, size: 1 }, ascii: { code: 2, size: 1 }, short: { code: 3, size: 2 }, long: { code: 4, size: 4 },
  rational: { code: 5, size: 8 }, undefined: { code: 7, size: 1 },
}

export const ascii = (tag: number, value: string): ExifEntry => ({ tag, type: 'ascii', value })
export const short = (tag: number, ...value: number[]): ExifEntry => ({ tag, type: 'short', value })
export const long = (tag: number, ...value: number[]): ExifEntry => ({ tag, type: 'long', value })
export const rational = (tag: number, ...value: Array<[number, number]>): ExifEntry => ({ tag, type: 'rational', value })
export const byte = (tag: number, ...value: number[]): ExifEntry => ({ tag, type: 'byte', value })

function count(entry: ExifEntry): number {
  return entry.type === 'ascii' ? entry.value.length + 1 : entry.value.length
}

/** bytes an IFD takes with its out-of-line values (each padded to an even length) */
function ifdSize(entries: readonly ExifEntry[]): number {
  let size = 2 + entries.length * 12 + 4
  for (const e of entries) {
    const bytes = count(e) * TYPE[e.type].size
    if (bytes > 4) size += bytes + (bytes & 1)
  }
  return size
}

/** The TIFF structure of an EXIF block, without the `Exif\0\0` prefix. */
export function exifBlock(spec: ExifBlockSpec): Uint8Array {
  const le = spec.littleEndian === true
  const sub = [spec.exif, spec.gps].filter((ifd): ifd is readonly ExifEntry[] => ifd !== undefined)
  // place everything: header, IFD0, Exif, GPS, IFD1, thumbnail — sizes first, pointer values after
  const ifd0 = [...spec.ifd0, ...(spec.exif ? [long(0x8769, 0)] : []), ...(spec.gps ? [long(0x8825, 0)] : [])]
  const thumbnailTags = spec.thumbnail ? [long(0x0201, 0), long(0x0202, 0)] : []
  const ifd1 = spec.ifd1 || spec.thumbnail ? [...(spec.ifd1 ?? []), ...thumbnailTags] : undefined
  const order = [ifd0, ...sub, ...(ifd1 ? [ifd1] : [])]
  const offsets: number[] = []
  let at = 8
  for (const ifd of order) {
    offsets.push(at)
    at += ifdSize(ifd)
  }
  const thumbnailAt = at
  const point = (ifd: ExifEntry[], tag: number, value: number) => {
    const i = ifd.findIndex((e) => e.tag === tag)
    if (i >= 0) ifd[i] = long(tag, value)
  }
  if (spec.exif) point(ifd0, 0x8769, offsets[1]!)
  if (spec.gps) point(ifd0, 0x8825, offsets[spec.exif ? 2 : 1]!)
  if (ifd1 && spec.thumbnail) {
    point(ifd1, 0x0201, thumbnailAt)
    point(ifd1, 0x0202, spec.thumbnail.length)
  }
  const out = new Uint8Array(thumbnailAt + (spec.thumbnail?.length ?? 0))
  const view = new DataView(out.buffer)
  out.set(le ? [0x49, 0x49, 42, 0] : [0x4d, 0x4d, 0, 42])
  view.setUint32(4, 8, le)
  order.forEach((ifd, k) => writeIfd(view, offsets[k]!, ifd, ifd === ifd0 && ifd1 ? offsets[order.length - 1]! : 0, le))
  if (spec.thumbnail) out.set(spec.thumbnail, thumbnailAt)
  return out
}

function writeIfd(view: DataView, at: number, unsorted: readonly ExifEntry[], next: number, le: boolean): void {
  const entries = [...unsorted].sort((a, b) => a.tag - b.tag)
  let data = at + 2 + entries.length * 12 + 4
  view.setUint16(at, entries.length, le)
  entries.forEach((e, i) => {
    const entry = at + 2 + i * 12
    const { code, size } = TYPE[e.type]
    const n = count(e)
    view.setUint16(entry, e.tag, le)
    view.setUint16(entry + 2, code, le)
    view.setUint32(entry + 4, n, le)
    const inline = n * size <= 4
    let p = inline ? entry + 8 : data
    if (!inline) {
      view.setUint32(entry + 8, data, le)
      data += n * size + ((n * size) & 1)
    }
    const words = e.type === 'ascii' ? [...(e.value + '\0')].map((c) => c.charCodeAt(0)) : e.type === 'rational' ? e.value.flat() : e.value
    const wordSize = e.type === 'rational' ? 4 : size
    for (const word of words) {
      if (wordSize === 1) view.setUint8(p, word)
      else if (wordSize === 2) view.setUint16(p, word, le)
      else view.setUint32(p, word, le)
      p += wordSize
    }
  })
  view.setUint32(at + 2 + entries.length * 12, next, le)
}

/** The block as an APP1 segment right after SOI, or after a JFIF APP0 when the JPEG has one (f.jpg's order). */
export function withExifApp1(jpeg: Uint8Array, block: Uint8Array): Uint8Array {
  const payload = [...new TextEncoder().encode('Exif\0\0'), ...block]
  const length = payload.length + 2
  if (length > 0xffff) throw new RangeError(`an APP1 segment holds at most 65533 bytes, not ${length - 2}`)
  const app0 = jpeg[2] === 0xff && jpeg[3] === 0xe0 ? 4 + ((jpeg[4]! << 8) | jpeg[5]!) : 2
  return Uint8Array.from([...jpeg.subarray(0, app0), 0xff, 0xe1, length >> 8, length & 255, ...payload, ...jpeg.subarray(app0)])
}
