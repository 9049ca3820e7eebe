import { describe, expect, it } from 'vitest'
import { healthResponse, metricsResponse } from './endpoints.js'
import { PROMETHEUS_CONTENT_TYPE } from './registry.js'
import { createServerMetrics } from './server-metrics.js'

describe('createServerMetrics', () => {
  it('records requests, latency, bytes and queue depth under the documented names', () => {
    const metrics = createServerMetrics({ durationBuckets: [0.1, 1] })
    metrics.observeRequest({ operation: 'GetObject', status: 200, durationSeconds: 0.05, bytesOut: 1000 })
    metrics.observeRequest({ operation: 'PutObject', status: 200, durationSeconds: 0.5, bytesIn: 20 })
    metrics.observeRequest({ operation: 'GetObject', status: 503, durationSeconds: 0.001 })
    metrics.queueDepth.set(2)
    const text = metrics.render()
    expect(text).toContain('imgproc_requests_total{operation="GetObject",status="200"} 1')
    expect(text).toContain('imgproc_requests_total{operation="GetObject",status="503"} 1')
    expect(text).toContain('imgproc_request_duration_seconds_bucket{operation="GetObject",le="0.1"} 2')
    expect(text).toContain('imgproc_request_duration_seconds_count{operation="PutObject"} 1')
    expect(text).toContain('imgproc_bytes_in_total{operation="PutObject"} 20')
    expect(text).toContain('imgproc_bytes_out_total{operation="GetObject"} 1000')
    expect(text).toContain('# TYPE imgproc_queue_depth gauge\nimgproc_queue_depth 2')
  })

  it('takes a prefix so two servers can share one registry', () => {
    const a = createServerMetrics({ prefix: 'a_' })
    createServerMetrics({ prefix: 'b_', registry: a.registry })
    a.requestsTotal.inc({ operation: 'X', status: '200' })
    expect(a.render()).toContain('# TYPE b_requests_total counter')
  })
})

describe('metrics and health responses', () => {
  it('serves the scrape with the 0.0.4 content type', async () => {
    const metrics = createServerMetrics()
    metrics.queueDepth.set(1)
    const response = metricsResponse(metrics)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(PROMETHEUS_CONTENT_TYPE)
    expect(await response.text()).toContain('imgproc_queue_depth 1')
  })

  it('answers 200 when healthy and 503 when the check fails or reports trouble', async () => {
    const ok = await healthResponse()
    expect([ok.status, await ok.json()]).toEqual([200, { status: 'ok' }])
    const degraded = await healthResponse(() => ({ status: 'degraded', storage: 'slow' }))
    expect(degraded.status).toBe(503)
    const thrown = await healthResponse(async () => {
      throw new Error('storage unreachable')
    })
    expect([thrown.status, await thrown.json()]).toEqual([503, { status: 'down', error: 'storage unreachable' }])
  })
})
