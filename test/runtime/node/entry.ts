/**
 * Node: the reference every other runtime is compared with. `initNode()` installs a loader that
 * reads each codec's .wasm from node_modules on first use.
 */
import { initNode } from '@imgproc/codecs/node'
import { runSmoke } from '../smoke/smoke.js'

export const runNodeSmoke = () => runSmoke({ runtime: 'node', initCodecs: initNode })
