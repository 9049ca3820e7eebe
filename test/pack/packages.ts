/**
 * The workspace's publishable packages (every packages/<name> not marked private), packed with
 * `pnpm pack` (which turns `workspace:*` into the real versions) and installed with npm into a
 * fresh project outside the repository, as a user of the published packages would get them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { distProblem } from '../runtime/harness/built-dist.js'
import { run, type Spawned } from '../runtime/harness/spawn.js'

export const REPO = fileURLToPath(new URL('../../', import.meta.url))

export interface WorkspacePackage {
  name: string
  dir: string
  manifest: Record<string, unknown>
}

export function publishablePackages(): WorkspacePackage[] {
  const root = join(REPO, 'packages')
  return readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'package.json')))
    .map((name) => ({ dir: join(root, name), manifest: JSON.parse(readFileSync(join(root, name, 'package.json'), 'utf8')) as Record<string, unknown> }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ name: String(manifest.name), dir, manifest }))
}

/** Why the built packages cannot be packed as they are (a dist/ missing or older than its src/), or undefined. */
export function builtProblem(packages: readonly WorkspacePackage[]): string | undefined {
  for (const { dir, name } of packages) {
    const problem = distProblem(dir, name)
    if (problem) return problem
  }
  return undefined
}

/**
 * Environment for what the test runs in the project: without what the `pnpm test` around it says
 * about itself (its script, package, INIT_CWD), keeping the user's npm settings (`npm_config_*`:
 * a registry mirror, a cache folder, a proxy).
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) if (!/^(npm_(package|lifecycle|command|execpath|node_execpath)|pnpm_|INIT_CWD$)/i.test(key)) env[key] = value
  return { ...env, NO_COLOR: '1', ...extra }
}

function check(out: Spawned, what: string): Spawned {
  if (out.code !== 0) throw new Error(`${what} exited ${out.code}\n${out.stdout.slice(-3000)}\n${out.stderr.slice(-3000)}`)
  return out
}

/**
 * `pnpm pack` in each package, two at a time, into `dest`; the tarball paths. Under `pnpm test`,
 * pnpm's own script (npm_execpath) is run with this Node directly, sparing corepack's start-up.
 */
export async function packAll(packages: readonly WorkspacePackage[], dest: string): Promise<string[]> {
  await mkdir(dest, { recursive: true })
  const pnpm = process.env.npm_execpath?.endsWith('pnpm.cjs') ? [process.execPath, process.env.npm_execpath] : ['pnpm']
  const tarballs: string[] = []
  const queue = [...packages]
  const worker = async () => {
    for (let pkg = queue.shift(); pkg; pkg = queue.shift()) {
      const out = check(await run(pnpm[0]!, [...pnpm.slice(1), 'pack', '--pack-destination', dest], { cwd: pkg.dir, env: cleanEnv(), timeoutMs: 120_000 }), `pnpm pack (${pkg.name})`)
      const tarball = out.stdout.trim().split('\n').reverse().find((line) => line.endsWith('.tgz'))
      if (!tarball) throw new Error(`pnpm pack (${pkg.name}) named no tarball:\n${out.stdout}`)
      tarballs.push(tarball.startsWith('/') ? tarball : join(dest, tarball))
    }
  }
  await Promise.all([worker(), worker()])
  return tarballs.sort()
}

/**
 * A fresh ESM project in `dir` with every tarball installed by npm (third-party dependencies from
 * the registry, the npm cache first), devDependencies left out as npm does for dependencies.
 */
export async function installTarballs(dir: string, tarballs: readonly string[]): Promise<void> {
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'imgproc-pack-test', private: true, type: 'module' }, null, 2)}\n`)
  const args = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...tarballs]
  check(await run('npm', args, { cwd: dir, env: cleanEnv(), timeoutMs: 240_000 }), 'npm install')
}
