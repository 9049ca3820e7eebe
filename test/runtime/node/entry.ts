/**
 * Node: the reference every other runtime is compared with. `initNode()` installs a loader that
 * reads each codec's .wasm from node_modules on first use; the font is read from Debian's
 * fonts-dejavu-core when present.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { initNode } from '@imgproc/codecs/node'
import { fontOptions, SYSTEM_FONT } from '../smoke/font.js'
import { runSmoke } from '../smoke/smoke.js'

export const runNodeSmoke = async () =>
  runSmoke({
    runtime: 'node',
    initCodecs: initNode,
    engineOptions: fontOptions(existsSync(SYSTEM_FONT) ? new Uint8Array(await readFile(SYSTEM_FONT)) : null),
  })
