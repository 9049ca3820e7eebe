/**
 * The most pixels a GIF frame's LZW data could ever produce, from its length alone. omggif
 * allocates a frame's index buffer for the declared width x height before it reads a code, and
 * when the codes run out it pads the rest with index 0 (logging "gif stream shorter than
 * expected"), so a frame declaring 15000x15000 over ten bytes of data would cost 225 MB of
 * indices and a full canvas of one colour. A frame larger than this bound cannot be filled by its
 * own data whatever the data says: it is damaged, and is refused before anything is allocated.
 *
 * The bound is loose on purpose, so that no real stream can exceed it:
 * - every code takes at least min-code-size + 1 bits (widths only grow, up to 12, until a clear);
 * - one code writes at most 4098 indices: a table entry chains through at most 4096 prefixes
 *   (patches/omggif@1.0.10.patch throws past that), plus its first byte and the KwKwK byte.
 * Valid streams write far less per code (the n-th code after a clear at most n + 1 indices).
 */

const MAX_INDICES_PER_CODE = 4098
const MAX_CODE_BITS = 12

/**
 * `dataBytes`: the frame's LZW sub-blocks after the min-code-size byte, length bytes included
 * (counting them only makes the bound larger). `minCodeSize`: the byte before them.
 */
export function maxLzwPixels(dataBytes: number, minCodeSize: number): number {
  const bitsPerCode = Math.min(MAX_CODE_BITS, Math.max(1, minCodeSize + 1))
  return Math.floor((dataBytes * 8) / bitsPerCode) * MAX_INDICES_PER_CODE
}
