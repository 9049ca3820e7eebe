/**
 * What metadata an encoded file carries, read by a walker written apart from the codecs' probes so
 * that tests can check what the encoders write: JPEG markers up to SOS, PNG chunks, WebP RIFF
 * chunks and VP8X flags, TIFF IFD0 tags, AVIF (ISOBMFF) boxes and items, GIF extension blocks and
 * the BMP colour-space field. It decodes no pixels and trusts nothing it does not need.
 */

export interface EmbeddedMetadata {
  /** what was walked, in order: JPEG `APP1 Exif`, PNG chunk types, WebP chunk ids, AVIF box names, ... */
  parts: string[]
  /** an EXIF block (JPEG APP1, PNG eXIf, WebP EXIF, AVIF Exif item; TIFF: an Exif or GPS IFD pointer) */
  exif: boolean
  /** the EXIF (or TIFF IFD0) Orientation tag, when one is written */
  orientation?: number
  /** true when the file asks a viewer to turn or mirror it: Orientation 2-8, AVIF irot/imir */
  rotates: boolean
  /** an ICC profile (JPEG APP2, PNG iCCP, WebP ICCP or VP8X flag, TIFF 34675, AVIF colr prof/rICC, GIF ICCRGBG1, BMP MBED/LINK) */
  icc: boolean
  xmp: boolean
}

const text = (b: Uint8Array, at: number, n: number): string => String.fromCharCode(...b.subarray(at, Math.min(b.length, at + n)))
const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!
const u32be = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0
const u32le = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0

export function scanMetadata(bytes: Uint8Array): EmbeddedMetadata {
  const out: EmbeddedMetadata = { parts: [], exif: false, rotates: false, icc: false, xmp: false }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) scanJpeg(bytes, out)
  else if (text(bytes, 1, 3) === 'PNG') scanPng(bytes, out)
  else if (text(bytes, 0, 4) === 'RIFF' && text(bytes, 8, 4) === 'WEBP') scanWebp(bytes, out)
  else if (text(bytes, 0, 2) === 'II' || text(bytes, 0, 2) === 'MM') scanTiff(bytes, out, true)
  else if (text(bytes, 4, 4) === 'ftyp') scanBoxes(bytes, 0, bytes.length, out)
  else if (text(bytes, 0, 3) === 'GIF') scanGif(bytes, out)
  else if (text(bytes, 0, 2) === 'BM') scanBmp(bytes, out)
  else throw new Error('scanMetadata: not a format it knows')
  out.rotates ||= out.orientation !== undefined && out.orientation !== 1
  return out
}

/** An EXIF block (TIFF structure, with or without `Exif\0\0`): marks it and reads IFD0's Orientation. */
function exifBlock(block: Uint8Array, out: EmbeddedMetadata): void {
  out.exif = true
  scanTiff(text(block, 0, 6) === 'Exif\0\0' ? block.subarray(6) : block, out, false)
}

function scanTiff(b: Uint8Array, out: EmbeddedMetadata, wholeFile: boolean): void {
  const le = b[0] === 0x49
  const u16 = (at: number) => (le ? b[at]! | (b[at + 1]! << 8) : u16be(b, at))
  const u32 = (at: number) => (le ? u32le(b, at) : u32be(b, at))
  const ifd = u32(4)
  for (let i = 0, n = u16(ifd); i < n; i++) {
    const entry = ifd + 2 + i * 12
    const tag = u16(entry)
    if (wholeFile) out.parts.push(`tag ${tag}`)
    if (tag === 0x0112) out.orientation = u16(entry + 8)
    if (tag === 0x8773) out.icc = true
    if (tag === 0x02bc) out.xmp = true
    if (wholeFile && (tag === 0x8769 || tag === 0x8825)) out.exif = true
  }
}

function scanJpeg(b: Uint8Array, out: EmbeddedMetadata): void {
  for (let at = 2; at + 4 <= b.length && b[at] === 0xff; ) {
    const marker = b[at + 1]!
    if (marker === 0xda || marker === 0xd9) break
    const length = u16be(b, at + 2)
    const body = b.subarray(at + 4, at + 2 + length)
    const ident = marker >= 0xe0 && marker <= 0xef ? ` ${text(body, 0, body.indexOf(0) >= 0 ? body.indexOf(0) : 4)}` : ''
    out.parts.push(`${marker >= 0xe0 && marker <= 0xef ? `APP${marker - 0xe0}` : marker.toString(16)}${ident}`)
    if (marker === 0xe1 && text(body, 0, 6) === 'Exif\0\0') exifBlock(body, out)
    if (marker === 0xe1 && text(body, 0, 28) === 'http://ns.adobe.com/xap/1.0/') out.xmp = true
    if (marker === 0xe2 && text(body, 0, 12) === 'ICC_PROFILE\0') out.icc = true
    at += 2 + length
  }
}

function scanPng(b: Uint8Array, out: EmbeddedMetadata): void {
  for (let at = 8; at + 8 <= b.length; ) {
    const length = u32be(b, at)
    const type = text(b, at + 4, 4)
    const body = b.subarray(at + 8, at + 8 + length)
    out.parts.push(type)
    const keyword = text(body, 0, Math.max(0, body.indexOf(0)))
    if (type === 'eXIf') exifBlock(body, out)
    if (type === 'iCCP') out.icc = true
    if (type === 'iTXt' && keyword === 'XML:com.adobe.xmp') out.xmp = true
    // ImageMagick's text forms of the same blocks
    if ((type === 'tEXt' || type === 'zTXt') && keyword.startsWith('Raw profile type ')) {
      const kind = keyword.slice(17)
      out.exif ||= kind === 'exif' || kind === 'APP1'
      out.icc ||= kind === 'icc' || kind === 'icm'
      out.xmp ||= kind === 'xmp'
    }
    if (type === 'IEND') break
    at += 12 + length
  }
}

function scanWebp(b: Uint8Array, out: EmbeddedMetadata): void {
  for (let at = 12; at + 8 <= b.length; ) {
    const id = text(b, at, 4)
    const size = u32le(b, at + 4)
    const body = b.subarray(at + 8, at + 8 + size)
    out.parts.push(id)
    if (id === 'VP8X') {
      out.icc ||= (body[0]! & 0x20) !== 0
      out.exif ||= (body[0]! & 0x08) !== 0
      out.xmp ||= (body[0]! & 0x04) !== 0
    }
    if (id === 'EXIF') exifBlock(body, out)
    if (id === 'ICCP') out.icc = true
    if (id === 'XMP ') out.xmp = true
    at += 8 + size + (size & 1)
  }
}

/** ISOBMFF: descends into meta (full box), iinf (full box), iprp and ipco; reads infe item types and colr. */
function scanBoxes(b: Uint8Array, start: number, end: number, out: EmbeddedMetadata): void {
  for (let at = start; at + 8 <= end; ) {
    const size = u32be(b, at) || end - at
    const type = text(b, at + 4, 4)
    out.parts.push(type)
    if (size < 8) break
    if (type === 'meta') scanBoxes(b, at + 12, at + size, out)
    if (type === 'iprp' || type === 'ipco') scanBoxes(b, at + 8, at + size, out)
    if (type === 'iinf') scanBoxes(b, at + 12 + (b[at + 8] === 0 ? 2 : 4), at + size, out)
    if (type === 'infe' && b[at + 8]! >= 2) {
      const itemType = text(b, at + 12 + (b[at + 8] === 2 ? 2 : 4) + 2, 4)
      out.exif ||= itemType === 'Exif'
      out.xmp ||= itemType === 'mime' && text(b, at, size).includes('application/rdf+xml')
    }
    if (type === 'colr') out.icc ||= ['prof', 'rICC'].includes(text(b, at + 8, 4))
    if (type === 'irot' || type === 'imir') out.rotates = true
    at += size
  }
}

function scanGif(b: Uint8Array, out: EmbeddedMetadata): void {
  const subBlocks = (at: number) => {
    while (at < b.length && b[at] !== 0) at += b[at]! + 1
    return at + 1
  }
  let at = 13 + (b[10]! & 0x80 ? 3 * 2 ** ((b[10]! & 7) + 1) : 0)
  while (at < b.length && b[at] !== 0x3b) {
    if (b[at] === 0x21) {
      const label = b[at + 1]!
      const app = label === 0xff ? text(b, at + 3, 11) : ''
      out.parts.push(label === 0xff ? `app ${app}` : `ext ${label.toString(16)}`)
      if (app === 'ICCRGBG1012') out.icc = true
      if (app === 'XMP DataXMP') out.xmp = true
      at = subBlocks(at + 2)
    } else if (b[at] === 0x2c) {
      out.parts.push('image')
      const flags = b[at + 9]!
      at = subBlocks(at + 10 + (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0) + 1)
    } else break
  }
}

function scanBmp(b: Uint8Array, out: EmbeddedMetadata): void {
  const headerSize = u32le(b, 14)
  out.parts.push(`header ${headerSize}`)
  if (headerSize < 108) return
  // bV4CSType / bV5CSType, stored little-endian: 'sRGB' and 'Win ' declare, 'MBED' embeds, 'LINK' links a profile
  const csType = text(b, 70, 4).split('').reverse().join('')
  out.parts.push(`CSType ${csType}`)
  out.icc = csType === 'MBED' || csType === 'LINK'
}
