/**
 * Runs a command with the machine's fonts out of sight, as on a server image without any: a new
 * mount namespace (`unshare -m`) with an empty tmpfs over every system and user font folder.
 * Needs root (CI runs as root); elsewhere `hiddenFontsUnavailable()` says why it cannot.
 */
import { existsSync, readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { run, type Spawned } from '../runtime/harness/spawn.js'

/** Font folders that exist here: /usr/share/fonts*, /usr/local/share/fonts*, ~/.fonts, ~/.local/share/fonts. */
export function fontFolders(): string[] {
  const under = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((name) => name.startsWith('fonts')).map((name) => join(dir, name)) : [])
  return [...under('/usr/share'), ...under('/usr/local/share'), join(homedir(), '.fonts'), join(homedir(), '.local/share/fonts')].filter((dir) => existsSync(dir))
}

/** Why fonts cannot be hidden on this machine, or undefined when they can. */
export async function hiddenFontsUnavailable(): Promise<string | undefined> {
  if (process.platform !== 'linux') return `mount namespaces are Linux only (this is ${process.platform})`
  if (process.getuid?.() !== 0) return 'hiding the system fonts needs root (unshare -m and mount); CI runs as root'
  const probe = await run('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs none /mnt && echo ok'], { timeoutMs: 10_000 }).catch((error: Error) => ({ code: -1, stdout: '', stderr: error.message }))
  if (probe.code !== 0 || !probe.stdout.includes('ok')) return `unshare -m with a tmpfs mount failed here: ${probe.stderr.trim() || `exit ${probe.code}`}`
  return undefined
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`

/** `command args` with every font folder covered by an empty tmpfs; the mounts vanish with the process. */
export function runWithoutFonts(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Spawned> {
  const mounts = fontFolders().map((dir) => `mount -t tmpfs none ${quote(dir)}`)
  const script = [...mounts, `exec ${[command, ...args].map(quote).join(' ')}`].join(' && ')
  return run('unshare', ['-m', 'sh', '-c', script], options)
}
