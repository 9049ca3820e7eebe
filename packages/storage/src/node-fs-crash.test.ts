/**
 * Crash safety of the filesystem adapter: a child process writing objects is killed with SIGKILL
 * at random moments; afterwards every object holds exactly one complete version (the last one
 * acknowledged or one started later), its metadata matches its body, no temporary file is
 * visible through the adapter, and the next adapter created removes them (node-fs-sweep.ts).
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { md5Hex } from './bytes.js'
import { createFileStorage } from './node-fs.js'
import { claimedGeneration, crashBody, CRASH_BUCKET, CRASH_KEYS } from './node-fs-crash-shared.js'
import { bodyBytes } from './testing-helpers.js'

const ROUNDS = 10
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const writerScript = fileURLToPath(new URL('./node-fs-crash-writer.ts', import.meta.url))
const parent = await mkdtemp(join(tmpdir(), 'imgproc-crash-'))
afterAll(() => rm(parent, { recursive: true, force: true }))

/** Runs the writer until `ready`, lets it write for `ms`, kills it; returns its progress lines. */
function runAndKill(root: string, round: number, ms: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    // cwd = repo root so tsx applies the tsconfig paths (@imgproc/* -> sources)
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, root, String(round)], { cwd: repoRoot })
    let output = ''
    let errors = ''
    let timer: NodeJS.Timeout | undefined
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (!timer && output.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), ms)
    })
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (_code, signal) => {
      clearTimeout(watchdog)
      if (signal !== 'SIGKILL' || !timer) reject(new Error(`writer ended without being killed: ${signal}\n${errors}`))
      else resolve(output.split('\n'))
    })
  })
}

describe('filesystem adapter under SIGKILL', () => {
  it(`keeps every object whole across ${ROUNDS} kills at random moments`, async () => {
    const root = join(parent, 'data')
    const storage = createFileStorage({ root })
    const acked = new Map<string, number>()
    const started = new Map<string, Set<number>>()
    const seenTemps = new Set<string>()
    let killsMidWrite = 0
    for (let round = 1; round <= ROUNDS; round++) {
      const lines = await runAndKill(root, round, 50 + Math.floor(Math.random() * 400))
      const inFlight = new Set<string>()
      for (const line of lines) {
        const [what, key, generation] = line.split(' ')
        if (what === 'start') {
          if (!started.has(key!)) started.set(key!, new Set())
          started.get(key!)!.add(Number(generation))
          inFlight.add(key!)
        }
        if (what === 'ack') {
          acked.set(key!, Number(generation))
          inFlight.delete(key!)
        }
      }
      // a temp file that was not there after the previous round: this kill cut a write short
      const temps = (await readdir(join(root, CRASH_BUCKET, 'o'))).filter((n) => n.startsWith('~tmp-'))
      if (inFlight.size > 0 && temps.some((n) => !seenTemps.has(n))) killsMidWrite += 1
      for (const name of temps) seenTemps.add(name)

      const listed = await storage.list(CRASH_BUCKET)
      for (const entry of listed.objects) expect(CRASH_KEYS).toContain(entry.key)
      for (const key of CRASH_KEYS) {
        const got = await storage.get(CRASH_BUCKET, key)
        if (!acked.has(key)) {
          // never acknowledged: absent, or a complete version of a write that was started
          if (got === null) continue
        }
        const body = await bodyBytes(got)
        const generation = claimedGeneration(key, body)
        expect(generation, `${key} has a readable header`).toBeDefined()
        expect(started.get(key)?.has(generation!), `${key} generation ${generation} was started`).toBe(true)
        expect(generation!).toBeGreaterThanOrEqual(acked.get(key) ?? 0)
        const expected = crashBody(key, generation!)
        expect(body.length).toBe(expected.length)
        expect(md5Hex(body)).toBe(md5Hex(expected))
        expect(await storage.head(CRASH_BUCKET, key)).toMatchObject({ size: expected.length, etag: md5Hex(expected), contentType: 'application/x-crash' })
      }
    }
    console.info(`crash test: ${ROUNDS} kills, ${killsMidWrite} landed while a write was in progress (temp files left behind until the next start)`)
    expect(killsMidWrite).toBeGreaterThan(0)
    const restarted = createFileStorage({ root })
    expect((await restarted.startupSweep).failed).toBe(0)
    expect((await readdir(join(root, CRASH_BUCKET, 'o'))).filter((n) => n.startsWith('~tmp-'))).toEqual([])
  }, 60_000)
})
