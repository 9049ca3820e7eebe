/** Summary of the server's CPU profile (`--cpu-prof`): where the main thread spends its time. */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}

/** The top self times of the main thread's profile in `dir` (the one that saw the HTTP layer), as markdown lines. */
export function summariseProfile(dir: string): string[] {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : []
  if (files.length === 0) return ['(no profile written)']
  // the main thread's profile is the one that saw the HTTP layer
  const lines: string[] = []
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }
    const byId = new Map(profile.nodes.map((node) => [node.id, node]))
    const self = new Map<string, number>()
    let total = 0
    for (let i = 0; i < profile.samples.length; i++) {
      const node = byId.get(profile.samples[i]!)!
      const delta = profile.timeDeltas[i] ?? 0
      total += delta
      const frame = node.callFrame
      const where = frame.url ? `${frame.url.replace(/^file:\/\/.*?\/(node_modules|packages)\//, '$1/')}:${frame.lineNumber + 1}` : ''
      const name = `${frame.functionName || '(anonymous)'} ${where}`.trim()
      self.set(name, (self.get(name) ?? 0) + delta)
    }
    const httpLayer = [...self.keys()].some((k) => k.includes('hono') || k.includes('_http_server'))
    if (!httpLayer) continue
    lines.push(`Main thread (${file}), ${(total / 1e6).toFixed(1)} s sampled; top self time:`, '', '| self ms | share | function |', '| ---: | ---: | --- |')
    for (const [name, us] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
      lines.push(`| ${(us / 1000).toFixed(0)} | ${((100 * us) / total).toFixed(1)}% | \`${name.replace(/\|/g, '\\|')}\` |`)
    }
  }
  return lines.length ? lines : ['(no main-thread profile found)']
}
