// How the server benchmarks read wrk's report (benchmarks/wrk.ts): counts, statuses, socket
// errors, latency percentiles in any unit, and the CPU bash's `times` gives for wrk.
import { describe, expect, it } from 'vitest'
import { parseWrkOutput } from './wrk.js'

const report = (lines: string[]) => lines.join('\n')

const HEAD = [
  'Running 15s test @ http://127.0.0.1:40123',
  '  1 threads and 16 connections',
  '  Thread Stats   Avg      Stdev     Max   +/- Stdev',
  '    Latency   188.41ms   18.02ms 262.24ms   71.30%',
  '    Req/Sec    86.41     14.09   110.00     68.00%',
  '  Latency Distribution',
  '     50%  186.97ms',
  '     75%  198.03ms',
  '     90%  211.66ms',
  '     99%  248.52ms',
]

describe('parseWrkOutput', () => {
  it('reads requests, 2xx, percentiles and the CPU of the last `times` line', () => {
    const parsed = parseWrkOutput(report([...HEAD, '  1294 requests in 15.01s, 124.70MB read', 'Requests/sec:     86.21', 'Transfer/sec:      8.31MB', '0m0.003s 0m0.001s', '0m0.150s 0m0.094s']))
    expect(parsed).toEqual({ requests: 1294, ok: 1294, non2xx: 0, errors: 0, p50: 187, p99: 249, clientCpuMs: 244 })
  })

  it('counts non-2xx answers and every kind of socket error; microsecond and second latencies', () => {
    const lines = [
      ...HEAD.slice(0, 6),
      '     50%  950.00us',
      '     75%    1.20ms',
      '     90%    1.50ms',
      '     99%    1.50s',
      '  40000 requests in 10.00s, 450.00MB read',
      '  Socket errors: connect 1, read 2, write 3, timeout 4',
      '  Non-2xx or 3xx responses: 17',
      'Requests/sec:   4000.00',
      '0m0.003s 0m0.001s',
      '1m2.500s 0m0.500s',
    ]
    expect(parseWrkOutput(report(lines))).toEqual({ requests: 40000, ok: 39983, non2xx: 17, errors: 10, p50: 1, p99: 1500, clientCpuMs: 63000 })
  })

  it('refuses a report without results (wrk could not run)', () => {
    expect(() => parseWrkOutput('unable to connect to 127.0.0.1:1 Connection refused\n0m0.000s 0m0.000s\n0m0.001s 0m0.000s')).toThrow(/no result/)
  })
})
