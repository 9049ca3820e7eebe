// Cloudflare workerd: a module worker answering any request with the handler smoke report.
import { runHandlerSmoke } from './handler-smoke.js'

export default {
  async fetch(): Promise<Response> {
    return new Response(JSON.stringify(await runHandlerSmoke()), { headers: { 'content-type': 'application/json' } })
  },
}
