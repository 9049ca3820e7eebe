/**
 * Node: the reference every other runtime is compared with. Nothing initialises the codecs: in
 * Node `@imgproc/codecs` resolves to its Node entry (the "node" export condition), which reads
 * each .wasm from disk on first use. The font is read from Debian's fonts-dejavu-core when present.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fontOptions, SYSTEM_FONT } from '../smoke/font.js'
import { runSmoke } from '../smoke/smoke.js'

export const runNodeSmoke = async () =>
  runSmoke({
    runtime: 'node',
    engineOptions: fontOptions(existsSync(SYSTEM_FONT) ? new Uint8Array(await readFile(SYSTEM_FONT)) : null),
  })
