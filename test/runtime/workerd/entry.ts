/** Cloudflare workerd: a module worker that answers every request with the smoke report as JSON. */
import { runSmoke } from '../smoke/smoke.js'

export default {
  async fetch(): Promise<Response> {
    const report = await runSmoke({ runtime: 'workerd' })
    return new Response(JSON.stringify(report), { headers: { 'content-type': 'application/json' } })
  },
}
