/**
 * Node: the reference every other runtime is compared with. `initNode()` from
 * `@imgproc/codecs/node` installs a loader that reads each codec's .wasm from node_modules on
 * first use.
 */
import { runSmoke } from '../smoke/smoke.js'
import { codecsNode } from './codecs-node.js'

export const runNodeSmoke = () => runSmoke({ runtime: 'node', initCodecs: async () => (await codecsNode).initNode() })
