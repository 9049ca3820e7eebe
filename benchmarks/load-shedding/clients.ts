/**
 * The clients that put load on the server: a closed loop (autocannon), and two streams of plain
 * GETs, an open loop at a fixed rate and a closed loop that honours Retry-After.
 */
import { Agent, get as httpGet } from 'node:http'
import { thumbnailPath } from './setup.js'
import type { Tally } from './tally.js'

/** Closed loop with autocannon: every response is seen (status, Retry-After, the 503's code, latency). */
export async function closedLoop(port: number, connections: number, seconds: number, tally?: Tally): Promise<{ errors: number }> {
  const { default: autocannon } = await import('autocannon')
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    timeout: 60,
    requests: [{ setupRequest: (request) => ({ ...request, method: 'GET', path: thumbnailPath() }) }],
    setupClient: tally
      ? (autocannonClient) => {
          // the 'headers' event carries the parser's { statusCode, headers: [name, value, …] } (not what the typings say)
          const client = autocannonClient as NodeJS.EventEmitter
          let status = 0
          let retryAfter: string | undefined
          let body = ''
          client.on('headers', (head: { statusCode: number; headers: string[] }) => {
            status = head.statusCode
            retryAfter = undefined
            body = ''
            for (let i = 0; i < head.headers.length; i += 2) {
              if (head.headers[i]!.toLowerCase() === 'retry-after') retryAfter = head.headers[i + 1]
            }
          })
          client.on('body', (chunk: Buffer) => {
            if (status !== 200 && body.length < 4096) body += chunk.toString()
          })
          client.on('response', (statusCode: number, _bytes: number, ms: number) => tally.record(statusCode, ms, retryAfter, body))
        }
      : () => {},
  })
  return { errors: result.errors + result.timeouts }
}

interface Answer {
  status: number
  ms: number
  retryAfter: string | undefined
  body: string
}

/** One GET of a fresh thumbnail path; its status, latency, Retry-After and (non-200) body. */
function send(agent: Agent, port: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = performance.now()
    const request = httpGet({ host: '127.0.0.1', port, path: thumbnailPath(), agent }, (response) => {
      const status = response.statusCode ?? 0
      const retryAfter = response.headers['retry-after'] as string | undefined
      let body = ''
      response.on('data', (chunk: Buffer) => {
        if (status !== 200 && body.length < 4096) body += chunk.toString()
      })
      response.on('end', () => resolve({ status, ms: performance.now() - sent, retryAfter, body }))
      response.on('error', reject)
    })
    request.setTimeout(60_000, () => request.destroy(new Error('timeout')))
    request.on('error', reject)
  })
}

/** The measured window of a stream that runs `warmSeconds` + `seconds`: answers completed inside it count. */
function streamWindow(warmSeconds: number, seconds: number, onWindow: () => void) {
  const begin = performance.now()
  const windowStart = begin + warmSeconds * 1000
  const windowEnd = windowStart + seconds * 1000
  let opened = false
  return {
    begin,
    /** true while the stream should go on; opens the window (onWindow) when its time comes */
    tick(): boolean {
      const now = performance.now()
      if (!opened && now >= windowStart) {
        opened = true
        onWindow()
      }
      return now < windowEnd
    },
    inside: (at = performance.now()) => at >= windowStart && at < windowEnd,
  }
}

/**
 * Open loop: `rate` requests per second issued on a clock, each on its own socket if need be,
 * whatever the server answers.
 */
export function openLoop(port: number, rate: number, warmSeconds: number, seconds: number, tally: Tally, onWindow: () => void): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity })
  const window = streamWindow(warmSeconds, seconds, onWindow)
  let issued = 0
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (!window.tick()) {
        clearInterval(timer)
        agent.destroy()
        resolve()
        return
      }
      const due = Math.floor(((performance.now() - window.begin) / 1000) * rate)
      for (; issued < due; issued++) {
        send(agent, port).then(
          (a) => window.inside() && tally.record(a.status, a.ms, a.retryAfter, a.body),
          () => window.inside() && tally.errors++,
        )
      }
    }, 2)
  })
}

/**
 * Closed loop of `connections` clients that honour Retry-After as an SDK's retry would: a 503
 * waits Retry-After seconds (plus up to 1 s of jitter) before that client asks again.
 */
export async function politeLoop(port: number, connections: number, warmSeconds: number, seconds: number, tally: Tally, onWindow: () => void): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity })
  const window = streamWindow(warmSeconds, seconds, onWindow)
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
  const client = async () => {
    while (window.tick()) {
      try {
        const a = await send(agent, port)
        if (window.inside()) tally.record(a.status, a.ms, a.retryAfter, a.body)
        if (a.status === 503) await sleep(Number(a.retryAfter ?? 1) * 1000 + Math.random() * 1000)
      } catch {
        if (window.inside()) tally.errors++
        await sleep(1000)
      }
    }
  }
  const ticker = setInterval(() => window.tick(), 100) // opens the window even while every client sleeps
  await Promise.all(Array.from({ length: connections }, client))
  clearInterval(ticker)
  agent.destroy()
}
