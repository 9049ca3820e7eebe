/**
 * Static checks of one installed package, as npm put it in node_modules: what its manifest
 * promises is there, and what its code imports is declared.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative } from 'node:path'

type Manifest = Record<string, unknown> & {
  name: string
  exports?: unknown
  bin?: string | Record<string, string>
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}

/** Every file path an `exports` map points at, across all conditions. */
function exportTargets(node: unknown): string[] {
  if (typeof node === 'string') return [node]
  if (node && typeof node === 'object') return Object.values(node).flatMap(exportTargets)
  return []
}

const SPECIFIER = String.raw`["'](@?[\w-][\w.-]*(?:\/[\w.@-]+)*)["']`
const RELATIVE = String.raw`["'](\.{1,2}\/[^"'\s]+)["']`

/**
 * Bare specifiers of `import ... from 'x'` / `export ... from 'x'` / `import 'x'` (at line
 * starts, as tsup writes them), `import('x')` and `require('x')` with a literal.
 */
export function bareImports(code: string): string[] {
  return specifiers(code, SPECIFIER)
}

function specifiers(code: string, specifier: string): string[] {
  const patterns = [
    new RegExp(String.raw`^\s*(?:import|export)\b[^;'"]*?\bfrom\s*${specifier}`, 'gm'),
    new RegExp(String.raw`^\s*import\s*${specifier}`, 'gm'),
    new RegExp(String.raw`\bimport\s*\(\s*${specifier}\s*\)`, 'g'),
    new RegExp(String.raw`\brequire\s*\(\s*${specifier}\s*\)`, 'g'),
  ]
  return [...new Set(patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1]!)))]
}

/**
 * The package's own modules: the `.js` files its exports and bin name, and every file they import
 * by relative path, transitively (assets it only serves, such as a browser bundle, are not among them).
 */
function moduleGraph(dir: string, entries: readonly string[]): string[] {
  const seen = new Set<string>()
  const pending = entries.filter((entry) => /\.(m?js|cjs)$/.test(entry)).map((entry) => join(dir, entry))
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (seen.has(file) || !existsSync(file)) continue
    seen.add(file)
    for (const target of specifiers(readFileSync(file, 'utf8'), RELATIVE)) pending.push(join(dirname(file), target))
  }
  return [...seen]
}

/** `./dist/*.wasm` style targets: does any file match? */
function patternMatches(dir: string, target: string): boolean {
  const [before, after] = target.split('*') as [string, string]
  const folder = join(dir, before.slice(0, before.lastIndexOf('/') + 1))
  const prefix = before.slice(before.lastIndexOf('/') + 1)
  return existsSync(folder) && readdirSync(folder).some((name) => name.startsWith(prefix) && name.endsWith(after))
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
}

const BUILTINS = new Set(builtinModules)

/** What is wrong with the package installed at `dir` (empty when nothing is). */
export function tarballProblems(dir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest
  const problems: string[] = []
  const at = (what: string) => `${manifest.name}: ${what}`
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'] as const) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) if (range.startsWith('workspace:')) problems.push(at(`${field} ${name} is still ${range}`))
  }
  const targets = exportTargets(manifest.exports)
  for (const target of targets) {
    const present = target.includes('*') ? patternMatches(dir, target) : existsSync(join(dir, target))
    if (!present) problems.push(at(`exports names ${target}, which the tarball lacks`))
  }
  const bins = typeof manifest.bin === 'string' ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {})
  for (const [name, target] of Object.entries(bins)) {
    const path = join(dir, target)
    if (!existsSync(path)) problems.push(at(`bin ${name} -> ${target} is missing`))
    else if (!readFileSync(path, 'utf8').startsWith('#!/usr/bin/env node')) problems.push(at(`bin ${name} (${target}) has no #!/usr/bin/env node line`))
  }
  const declared = new Set([manifest.name, ...Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies })])
  for (const file of moduleGraph(dir, [...targets.filter((t) => !t.includes('*')), ...Object.values(bins)])) {
    const code = readFileSync(file, 'utf8')
    for (const specifier of bareImports(code)) {
      const name = packageOf(specifier)
      if (specifier.startsWith('node:') || BUILTINS.has(name) || declared.has(name)) continue
      problems.push(at(`${relative(dir, file)} imports ${specifier}, which is not a dependency (a devDependency is not installed)`))
    }
    // `new URL('./file', import.meta.url)`: a file the module reads beside itself (the .wasm files,
    // say) must ship; `.ts` files and places outside the package are a source checkout's paths
    for (const match of code.matchAll(/new URL\(\s*["'](\.{1,2}\/[^"'`]+)["']\s*,\s*import\.meta\.url\s*\)/g)) {
      const path = join(dirname(file), match[1]!)
      if (match[1]!.endsWith('.ts') || relative(dir, path).startsWith('..')) continue
      if (!existsSync(path)) problems.push(at(`${relative(dir, file)} loads ${match[1]} beside itself, which the tarball lacks`))
    }
  }
  return problems
}
