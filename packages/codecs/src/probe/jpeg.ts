/**
 * JPEG header probe: walks the marker segments up to the first SOS, never touching entropy data.
 * Reports size, components, coding process, EXIF orientation, ICC, Adobe transform and the
 * IJG-equivalent quality estimated from the luminance quantisation table.
 */
import { concatBytes, type ColorType, type ProbeResult } from '@imgproc/types'
import { ByteReader, damaged, hasAscii } from '../bytes.js'
import { parseExif } from '../exif.js'
import { estimateJpegQuality } from './jpeg-quality.js'

export interface JpegHeader extends ProbeResult {
  /** SOF marker number (0 baseline, 1 extended, 2 progressive, 3 lossless, 9+ arithmetic) */
  sof: number
  components: number
  /** Adobe APP14 transform flag (0 none/CMYK, 1 YCbCr, 2 YCCK), undefined without APP14 */
  adobeTransform?: number
  /** the raw EXIF block (TIFF structure, after `Exif\0\0`) */
  exif?: Uint8Array
  /** JFIF APP0 density: units 0 = aspect ratio only, 1 = dots per inch, 2 = dots per cm */
  jfif?: { units: number; x: number; y: number }
  /** the embedded ICC profile, its APP2 chunks joined in sequence order */
  icc?: Uint8Array
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf])

export function probeJpeg(bytes: Uint8Array): JpegHeader {
  const reader = new ByteReader(bytes, 'JPEG')
  if (reader.u16(0) !== 0xffd8) throw damaged('JPEG', 'no SOI marker')
  let offset = 2
  let sof: { marker: number; width: number; height: number; bitDepth: number; components: number } | undefined
  let exif: Uint8Array | undefined
  const iccChunks: Array<{ sequence: number; data: Uint8Array }> = []
  let adobeTransform: number | undefined
  let luma: Uint16Array | undefined
  let jfif: JpegHeader['jfif']
  while (offset < bytes.length) {
    if (reader.u8(offset) !== 0xff) throw damaged('JPEG', `expected a marker at offset ${offset}`)
    const marker = reader.u8(offset + 1)
    if (marker === 0xff) {
      offset += 1 // fill byte
      continue
    }
    if (marker === 0xd9 || marker === 0xda) break // EOI / SOS: header done
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2
      continue
    }
    const length = reader.u16(offset + 2)
    if (length < 2) throw damaged('JPEG', `segment length ${length} at offset ${offset}`)
    const body = offset + 4
    const bodyLength = length - 2
    if (SOF_MARKERS.has(marker)) {
      sof = {
        marker,
        bitDepth: reader.u8(body),
        height: reader.u16(body + 1),
        width: reader.u16(body + 3),
        components: reader.u8(body + 5),
      }
    } else if (marker === 0xe0 && !jfif && bodyLength >= 12 && hasAscii(bytes, body, 'JFIF\0')) {
      jfif = { units: reader.u8(body + 7), x: reader.u16(body + 8), y: reader.u16(body + 10) }
    } else if (marker === 0xe1 && !exif && hasAscii(bytes, body, 'Exif\0\0')) {
      exif = reader.sub(body + 6, Math.min(bodyLength - 6, bytes.length - body - 6))
    } else if (marker === 0xe2 && bodyLength > 14 && hasAscii(bytes, body, 'ICC_PROFILE\0')) {
      // 'ICC_PROFILE\0', sequence number (1-based), chunk count, then the data
      iccChunks.push({ sequence: reader.u8(body + 12), data: reader.sub(body + 14, bodyLength - 14) })
    } else if (marker === 0xee && hasAscii(bytes, body, 'Adobe') && bodyLength >= 12) {
      adobeTransform = reader.u8(body + 11)
    } else if (marker === 0xdb && !luma) {
      luma = firstQuantTable(reader, body, bodyLength)
    }
    offset = body + bodyLength
  }
  if (!sof) throw damaged('JPEG', 'no frame header (SOF) before the image data')
  if (sof.width === 0 || sof.height === 0) throw damaged('JPEG', `frame header declares ${sof.width}x${sof.height}`)
  const sofNumber = sof.marker - 0xc0
  const icc = joinIccChunks(iccChunks)
  const quality = luma ? estimateJpegQuality(luma) : undefined
  return {
    format: 'jpeg',
    width: sof.width,
    height: sof.height,
    frames: 1,
    orientation: exif ? parseExif(exif).orientation : 1,
    colorType: jpegColorType(sof.components, adobeTransform),
    bitDepth: sof.bitDepth,
    hasAlpha: false,
    hasIcc: icc !== undefined,
    ...(icc ? { icc } : {}),
    progressive: sofNumber === 2 || sofNumber === 6 || sofNumber === 10 || sofNumber === 14,
    ...(quality === undefined ? {} : { quality }),
    sof: sofNumber,
    components: sof.components,
    ...(adobeTransform === undefined ? {} : { adobeTransform }),
    ...(exif ? { exif } : {}),
    ...(jfif ? { jfif } : {}),
  }
}

function jpegColorType(components: number, adobeTransform: number | undefined): ColorType {
  if (components === 1) return 'grey'
  if (components === 4) return adobeTransform === 2 ? 'ycck' : 'cmyk'
  return adobeTransform === 0 ? 'rgb' : 'ycbcr'
}

/** The table with id 0 (luminance, in zigzag order) from a DQT segment, if it holds one. */
function firstQuantTable(reader: ByteReader, body: number, length: number): Uint16Array | undefined {
  let at = body
  while (at < body + length) {
    const pq = reader.u8(at) >> 4
    const id = reader.u8(at) & 15
    const table = new Uint16Array(64)
    for (let k = 0; k < 64; k++) table[k] = pq ? reader.u16(at + 1 + k * 2) : reader.u8(at + 1 + k)
    if (id === 0) return table
    at += 1 + 64 * (pq ? 2 : 1)
  }
  return undefined
}

/** One profile from its APP2 chunks, in sequence order (writers number them 1..n). */
function joinIccChunks(chunks: Array<{ sequence: number; data: Uint8Array }>): Uint8Array | undefined {
  if (chunks.length === 0) return undefined
  if (chunks.length === 1) return chunks[0]!.data
  return concatBytes([...chunks].sort((a, b) => a.sequence - b.sequence).map((chunk) => chunk.data))
}
