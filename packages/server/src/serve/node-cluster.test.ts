// `IMGPROC_PROCESSES=2`: the shares each process gets, and the real thing as `pnpm start` runs it
// (a primary and two HTTP processes on one port): both serve, a killed one is replaced, and
// SIGTERM ends them all within the grace.
import { get } from 'node:http'
import { afterAll, describe, expect, it } from 'vitest'
import { makeDemoImage } from '../demo.js'
import { startChildServerWith, type ChildServer } from '../security/node-child-server.fixture.js'
import { configFromEnv } from './node-config.js'
import { childEntry, childEnv, shareOf, SINGLE_THREADED_GC } from './node-cluster.js'

describe('what each process gets', () => {
  it('runs with single-threaded GC (every core has an image worker), named once, whatever the primary runs with', () => {
    const { execArgv } = childEntry()
    expect(execArgv.filter((arg) => arg === SINGLE_THREADED_GC)).toHaveLength(1)
  })

  it('splits the workers, at least one each, the first ones taking the remainder', () => {
    expect([0, 1, 2].map((i) => shareOf(8, 3, i))).toEqual([3, 3, 2])
    expect([0, 1].map((i) => shareOf(2, 2, i))).toEqual([1, 1])
    expect([0, 1, 2, 3].map((i) => shareOf(2, 4, i))).toEqual([1, 1, 1, 1])
  })

  it('keeps the memory budget a machine-wide bound (budget / N each); only the first makes the demo bucket', () => {
    const env = { IMGPROC_WORKERS: '4', IMGPROC_MEMORY_BUDGET_MB: '1000', IMGPROC_PROCESSES: '4', IMGPROC_DATA_DIR: '/srv' }
    const config = configFromEnv(env)
    expect(config.processes).toBe(4)
    expect(() => configFromEnv({ IMGPROC_PROCESSES: 'two' })).toThrow(/IMGPROC_PROCESSES/)
    const children = [0, 1, 2, 3].map((i) => childEnv(env, config, 4, i))
    for (const [i, child] of children.entries()) {
      expect(configFromEnv(child).limits.memoryBudgetBytes).toBe(250 * 1024 * 1024)
      expect(configFromEnv(child).workers).toBe(1)
      expect(child.IMGPROC_CLUSTER_INDEX).toBe(String(i))
      expect(child.IMGPROC_DATA_DIR).toBe('/srv')
    }
    expect(children.map((child) => configFromEnv(child).demo)).toEqual([true, false, false, false])
  })
})

/**
 * GET over a connection of its own, so the cluster's round-robin hands each to the next process;
 * given up after `timeoutMs` idle (a connection handed to a process as it was killed is never answered).
 */
function getFresh(url: string, timeoutMs = 60_000): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }))
    })
    request.on('timeout', () => request.destroy(new Error(`no answer from ${url} in ${timeoutMs} ms`)))
    request.on('error', reject)
  })
}

async function healthPids(url: string, asks = 6): Promise<Set<number>> {
  const pids = new Set<number>()
  for (let i = 0; i < asks; i++) {
    const { body } = await getFresh(`${url}/-/health`, 5000)
    pids.add((JSON.parse(body.toString()) as { process: { pid: number } }).process.pid)
  }
  return pids
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

describe('--processes 2 (a child process running node-main.ts)', () => {
  let server: ChildServer | undefined
  afterAll(async () => server?.stop())

  it('serves from both processes, replaces a dead one, and stops all on SIGTERM within the grace', async () => {
    const photo = await makeDemoImage({ width: 640, height: 480 })
    const graceMs = 3000
    server = await startChildServerWith('bkt', { 'photo.jpg': { bytes: photo, contentType: 'image/jpeg' } }, {
      IMGPROC_PROCESSES: '2', IMGPROC_WORKERS: '2', IMGPROC_MEMORY_BUDGET_MB: '512', IMGPROC_SHUTDOWN_MS: String(graceMs), IMGPROC_PLAYGROUND: '0',
    })
    const { url, child } = server
    await until('both processes', () => (/2 HTTP processes on port/.test(server!.output()) ? true : undefined))

    const pids = await healthPids(url)
    expect(pids.size).toBe(2)
    expect(pids.has(child.pid!)).toBe(false)
    const health = JSON.parse((await getFresh(`${url}/-/health`)).body.toString()) as { queue: { memoryBudgetBytes: number } }
    expect(health.queue.memoryBudgetBytes).toBe(256 * 1024 * 1024)
    for (let i = 0; i < 4; i++) {
      const reply = await getFresh(`${url}/bkt/photo.jpg?x-oss-process=image/resize,w_${100 + i}`)
      expect(reply.status).toBe(200)
    }

    const [victim] = [...pids]
    process.kill(victim!, 'SIGKILL')
    const replaced = await until('a replacement process', async () => {
      const now = await healthPids(url).catch(() => undefined)
      return now && now.size === 2 && !now.has(victim!) ? now : undefined
    })
    expect(server.output()).toMatch(/exited \(SIGKILL\); restarting/)

    const started = Date.now()
    child.kill('SIGTERM')
    await server.exited
    expect(Date.now() - started).toBeLessThan(graceMs + 1500)
    for (const pid of replaced) await until(`process ${pid} to end`, () => (alive(pid) ? undefined : true), 2000)
  }, 120_000)
})
