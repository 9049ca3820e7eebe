/**
 * Node: the reference every other runtime is compared with. The codecs find their WASM through
 * their own Node loader, so no init is needed.
 */
import { runSmoke } from '../smoke/smoke.js'

export const runNodeSmoke = () => runSmoke({ runtime: 'node' })
