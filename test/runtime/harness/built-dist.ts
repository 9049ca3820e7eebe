/**
 * Whether a package's dist/ is there and newer than its src/: tests of the built packages skip
 * (or, in CI, fail) with the reason when it is not, instead of testing a stale build.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** The newest modification time of the files under `dir` (test files left out). */
export function newestFileTime(dir: string): number {
  let time = 0
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    const stat = statSync(path)
    if (stat.isDirectory()) time = Math.max(time, newestFileTime(path))
    else if (!/\.test\.ts$/.test(name)) time = Math.max(time, stat.mtimeMs)
  }
  return time
}

/** Why the package at `dir` (named `name`) cannot be tested as built, or undefined. */
export function distProblem(dir: string, name: string): string | undefined {
  const dist = join(dir, 'dist')
  if (!existsSync(dist) || readdirSync(dist).length === 0) return `${name} has no dist/: run pnpm build`
  if (existsSync(join(dir, 'src')) && newestFileTime(dist) < newestFileTime(join(dir, 'src'))) return `${name}'s dist/ is older than its src/: run pnpm build`
  return undefined
}
