import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRegistry, formatValue } from './registry.js'

// Text exposition format 0.0.4: one sample per line, `name{labels} value`.
const SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\\\|\\"|\\n)*",?)*\})? (-?[0-9.e+-]+|\+Inf|-Inf|NaN)$/

function assertWellFormed(text: string): void {
  expect(text.endsWith('\n')).toBe(true)
  for (const line of text.slice(0, -1).split('\n')) {
    if (line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue
    expect(line).toMatch(SAMPLE)
  }
}

describe('createRegistry', () => {
  it('renders counters and gauges with HELP, TYPE and labels', () => {
    const registry = createRegistry()
    const requests = registry.counter<'operation' | 'status'>({ name: 'app_requests_total', help: 'Requests.', labelNames: ['operation', 'status'] })
    const depth = registry.gauge({ name: 'app_queue_depth', help: 'Queue.' })
    requests.inc({ operation: 'GetObject', status: '200' })
    requests.inc({ operation: 'GetObject', status: '200' }, 2)
    requests.inc({ operation: 'PutObject', status: '403' })
    depth.set(4)
    depth.dec()
    expect(registry.render()).toBe(
      [
        '# HELP app_requests_total Requests.',
        '# TYPE app_requests_total counter',
        'app_requests_total{operation="GetObject",status="200"} 3',
        'app_requests_total{operation="PutObject",status="403"} 1',
        '# HELP app_queue_depth Queue.',
        '# TYPE app_queue_depth gauge',
        'app_queue_depth 3',
        '',
      ].join('\n'),
    )
    expect(requests.get({ operation: 'GetObject', status: '200' })).toBe(3)
    expect(requests.get({ operation: 'HeadObject', status: '200' })).toBe(0)
  })

  it('renders histograms with cumulative buckets, +Inf, _sum and _count', () => {
    const registry = createRegistry()
    const latency = registry.histogram<'operation'>({ name: 'lat_seconds', help: 'Latency.', labelNames: ['operation'], buckets: [0.1, 1] })
    for (const value of [0.05, 0.1, 0.5, 3]) latency.observe(value, { operation: 'Get' })
    latency.observe(Number.NaN, { operation: 'Get' })
    expect(registry.render()).toBe(
      [
        '# HELP lat_seconds Latency.',
        '# TYPE lat_seconds histogram',
        'lat_seconds_bucket{operation="Get",le="0.1"} 2',
        'lat_seconds_bucket{operation="Get",le="1"} 3',
        'lat_seconds_bucket{operation="Get",le="+Inf"} 4',
        'lat_seconds_sum{operation="Get"} 3.65',
        'lat_seconds_count{operation="Get"} 4',
        '',
      ].join('\n'),
    )
  })

  it('escapes label values and help text', () => {
    const registry = createRegistry()
    registry.counter<'v'>({ name: 'esc_total', help: 'back\\slash\nnewline', labelNames: ['v'] }).inc({ v: 'a"b\\c\nd' })
    const text = registry.render()
    expect(text).toContain('# HELP esc_total back\\\\slash\\nnewline')
    expect(text).toContain('esc_total{v="a\\"b\\\\c\\nd"} 1')
    assertWellFormed(text)
  })

  it('stays well-formed for any label value and observation (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.double({ noNaN: true, min: 0, max: 1e6 })), { maxLength: 20 }), (samples) => {
        const registry = createRegistry()
        const counter = registry.counter<'v'>({ name: 'p_total', help: 'p', labelNames: ['v'] })
        const histogram = registry.histogram<'v'>({ name: 'p_seconds', help: 'p', labelNames: ['v'], buckets: [1, 10] })
        for (const [label, value] of samples) {
          counter.inc({ v: label }, value)
          histogram.observe(value, { v: label })
        }
        assertWellFormed(registry.render() || '\n')
      }),
    )
  })

  it('caps the series per metric and folds the rest into labels "other"', () => {
    const registry = createRegistry({ maxSeries: 2 })
    const counter = registry.counter<'k'>({ name: 'cap_total', help: 'c', labelNames: ['k'] })
    for (const k of ['a', 'b', 'c', 'd']) counter.inc({ k })
    expect(registry.render()).toContain('cap_total{k="other"} 2')
    expect(counter.get({ k: 'a' })).toBe(1)
  })

  it('rejects bad names, duplicate metrics, reserved labels, bad buckets and decreasing counters', () => {
    const registry = createRegistry()
    expect(() => registry.counter({ name: '1bad', help: '' })).toThrow(TypeError)
    registry.counter({ name: 'dup_total', help: '' })
    expect(() => registry.gauge({ name: 'dup_total', help: '' })).toThrow(/already/)
    expect(() => registry.histogram<'le'>({ name: 'h', help: '', labelNames: ['le'], buckets: [1] })).toThrow(/label/)
    expect(() => registry.histogram({ name: 'h2', help: '', buckets: [2, 1] })).toThrow(/increasing/)
    expect(() => registry.counter({ name: 'neg_total', help: '' }).inc(undefined, -1)).toThrow(RangeError)
  })

  it('formats special values the Prometheus way', () => {
    expect([formatValue(Infinity), formatValue(-Infinity), formatValue(NaN), formatValue(0.25)]).toEqual(['+Inf', '-Inf', 'NaN', '0.25'])
  })
})
