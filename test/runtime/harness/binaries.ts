import { existsSync, realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const testPackage = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

export type RuntimeName = 'deno' | 'bun' | 'workerd' | 'chromium'

export type Located = { path: string; missing?: undefined } | { path?: undefined; missing: string }

/**
 * The real executable inside each npm package, never the node_modules/.bin shim: the shim is a
 * shell script that starts the binary as its child, and killing the shim would leave the runtime
 * running. The postinstall of `deno`/`bun`/`workerd` links the binary into the package; when
 * install scripts are disabled, the platform package (`@deno/linux-x64-glibc`,
 * `@oven/bun-linux-x64`, `@cloudflare/workerd-linux-64`) still holds it.
 */
const CANDIDATES: Record<Exclude<RuntimeName, 'chromium'>, { inPackage: string; platform: string; inPlatform: string }> = {
  deno: { inPackage: 'deno', platform: '@deno/linux-x64-glibc', inPlatform: 'deno' },
  bun: { inPackage: 'bin/bun.exe', platform: '@oven/bun-linux-x64', inPlatform: 'bin/bun' },
  workerd: { inPackage: 'bin/workerd', platform: '@cloudflare/workerd-linux-64', inPlatform: 'bin/workerd' },
}

function packageDir(name: string, from: string): string | undefined {
  try {
    return dirname(realpathSync(createRequire(join(from, 'package.json')).resolve(`${name}/package.json`)))
  } catch {
    return undefined
  }
}

/** Where each runtime's binary is, or why it is missing (a developer without one gets a skip). */
export function locate(name: RuntimeName): Located {
  if (name === 'chromium') {
    const path = process.env.IMGPROC_CHROMIUM ?? '/usr/bin/chromium'
    return existsSync(path) ? { path } : { missing: `${path} not found: install Debian's chromium (apt-get install -y chromium) or set IMGPROC_CHROMIUM` }
  }
  const { inPackage, platform, inPlatform } = CANDIDATES[name]
  const pkg = packageDir(name, testPackage)
  if (!pkg) return { missing: `the npm package \`${name}\` is not installed: run pnpm install (it is a devDependency of @imgproc/test)` }
  const platformPkg = packageDir(platform, pkg)
  for (const path of [join(pkg, inPackage), platformPkg && join(platformPkg, inPlatform)]) {
    if (path && existsSync(path)) return { path }
  }
  return { missing: `no ${name} binary in ${pkg} nor in ${platform} (this machine's platform may not be published)` }
}

/** In CI every runtime must run: a missing one fails instead of skipping. */
export const requireAll = process.env.CI === 'true' || process.env.IMGPROC_REQUIRE_RUNTIMES === '1'
