import type { Contender } from '../contender.js'
import { ownBytes, rawImage } from '../contender.js'

/** jimp: pure JavaScript; JPEG and PNG only (no WebP or AVIF encoder). */
export function jimpContender(): Contender {
  let Jimp: typeof import('jimp').Jimp
  let ResizeStrategy: typeof import('jimp').ResizeStrategy
  return {
    name: 'jimp',
    encodes: ['jpeg', 'png'],
    describe: () => 'jimp (pure JavaScript)',
    async load() {
      ;({ Jimp, ResizeStrategy } = await import('jimp'))
    },
    async decode(bytes) {
      const image = await Jimp.fromBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
      return rawImage(image.bitmap.width, image.bitmap.height, image.bitmap.data)
    },
    async encode(image, { codec, quality }) {
      const jimp = Jimp.fromBitmap({ width: image.width, height: image.height, data: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength) })
      return ownBytes(codec === 'jpeg' ? await jimp.getBuffer('image/jpeg', { quality }) : await jimp.getBuffer('image/png'))
    },
    async pipeline(bytes, { codec, quality, width }) {
      const image = await Jimp.fromBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
      if (width) image.resize({ w: width, mode: ResizeStrategy.BICUBIC })
      return ownBytes(codec === 'jpeg' ? await image.getBuffer('image/jpeg', { quality }) : await image.getBuffer('image/png'))
    },
  }
}
