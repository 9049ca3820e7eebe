/** Bun: runs the bundled smoke suite and prints its report as one JSON line. */
import { runSmoke } from '../smoke/smoke.js'

const report = await runSmoke({ runtime: 'bun' })
console.log(JSON.stringify(report))
