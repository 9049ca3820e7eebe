import type { Contender } from '../contender.js'
import { imgprocContender } from './imgproc.js'
import { jimpContender } from './jimp.js'
import { jsquashContender } from './jsquash.js'
import { sharpContender } from './sharp.js'
import { wasmVipsContender } from './wasm-vips.js'

/** Every contender by the name `--contenders` takes: the one registry. */
export const CONTENDERS: Record<string, () => Contender> = {
  imgproc: imgprocContender,
  sharp: () => sharpContender(1),
  'sharp-default': () => sharpContender(0),
  'wasm-vips': wasmVipsContender,
  jsquash: jsquashContender,
  jimp: jimpContender,
}

export const ALL_CONTENDERS = Object.keys(CONTENDERS)
