import type { Contender } from '../contender.js'
import { jimpContender } from './jimp.js'
import { jsquashContender } from './jsquash.js'
import { sharpContender } from './sharp.js'
import { wasmVipsContender } from './wasm-vips.js'

/** Every contender by the name `--contenders` takes: the one registry. */
export const CONTENDERS: Record<string, () => Contender> = {
  sharp: () => sharpContender(1),
  'sharp-default': () => sharpContender(0),
  'wasm-vips': wasmVipsContender,
  jsquash: jsquashContender,
  jimp: jimpContender,
}

export const DEFAULT_CONTENDERS = Object.keys(CONTENDERS)
