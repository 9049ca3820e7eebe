/** Browser: runs the bundled smoke suite in the page and leaves the report on `globalThis.smokeReport`. */
import { runSmoke } from '../smoke/smoke.js'

const report = await runSmoke({ runtime: 'chromium' })
;(globalThis as unknown as { smokeReport: unknown }).smokeReport = report
