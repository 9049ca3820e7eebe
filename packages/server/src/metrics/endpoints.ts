/**
 * The two operational responses: the Prometheus scrape and the health check. The router
 * decides where they live (suggested: `GET /-/metrics` and `GET /-/health`, which no bucket
 * name can shadow in path style because OSS/OBS bucket names start with a letter or digit;
 * serve them only for requests without a bucket in the Host).
 */
import { PROMETHEUS_CONTENT_TYPE } from './registry.js'

export function metricsResponse(source: { render(): string }): Response {
  return new Response(source.render(), {
    status: 200,
    headers: { 'content-type': PROMETHEUS_CONTENT_TYPE, 'cache-control': 'no-store' },
  })
}

export interface HealthReport {
  /** `ok` answers 200; anything else answers 503 so a load balancer drains the replica */
  status: 'ok' | 'degraded' | 'down'
  /** free-form details (uptime, storage reachable, ...); never secrets */
  [detail: string]: unknown
}

export async function healthResponse(check: () => HealthReport | Promise<HealthReport> = () => ({ status: 'ok' })): Promise<Response> {
  let report: HealthReport
  try {
    report = await check()
  } catch (error) {
    report = { status: 'down', error: error instanceof Error ? error.message : String(error) }
  }
  return new Response(JSON.stringify(report), {
    status: report.status === 'ok' ? 200 : 503,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  })
}
