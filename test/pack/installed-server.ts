/**
 * The installed `imgproc serve` as a child process (on a free port, a temp data folder, one image
 * worker), its banner read for the URLs it prints, and the two OSS calls the test needs signed
 * with OSS V1 (the simplest of the signatures the server checks; written out here so the test
 * depends on no client library).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { join } from 'node:path'

export const ACCESS_KEY = { id: 'IMGPROCPACKTEST', secret: 'pack-test-secret' }

export interface InstalledServer {
  /** `http://127.0.0.1:<port>` */
  origin: string
  /** what the server printed before it was ready */
  banner: string
  /** the URL the banner gives for the playground */
  playgroundUrl: string
  /** SIGTERM, then waits for the exit (SIGKILL after 15 s) */
  stop(): Promise<number | null>
}

/** Starts `<project>/node_modules/.bin/imgproc serve`, resolved once its banner names the playground. */
export async function startInstalledServer(project: string, env: NodeJS.ProcessEnv): Promise<InstalledServer> {
  const bin = join(project, 'node_modules', '.bin', 'imgproc')
  const args = ['serve', '--port', '0', '--host', '127.0.0.1', '--data', join(project, 'data'), '--workers', '1']
  const child: ChildProcess = spawn(bin, args, {
    cwd: project,
    env: { ...env, IMGPROC_CREDENTIALS_FILE: join(project, 'credentials.json'), IMGPROC_ACCESS_KEY_ID: ACCESS_KEY.id, IMGPROC_ACCESS_KEY_SECRET: ACCESS_KEY.secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  const stop = async () => {
    child.kill('SIGTERM')
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    const code = await exited
    clearTimeout(killer)
    return code
  }
  const deadline = Date.now() + 60_000
  for (;;) {
    const origin = /listening on (https?:\/\/localhost:\d+)/.exec(output)?.[1]?.replace('localhost', '127.0.0.1')
    const playground = /playground: (\S+)/.exec(output)?.[1]
    if (origin && playground) return { origin, banner: output, playgroundUrl: playground.replace('localhost', '127.0.0.1'), stop }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop()
      throw new Error(`imgproc serve did not start (exit ${child.exitCode}):\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** An OSS V1 signed request: `Authorization: OSS <id>:base64(hmac-sha1(secret, string to sign))`. */
export function ossV1Request(method: string, url: string, headers: Record<string, string> = {}): { url: string; init: RequestInit } {
  const { pathname } = new URL(url)
  const date = new Date().toUTCString()
  const ossHeaders = Object.entries(headers)
    .filter(([name]) => name.toLowerCase().startsWith('x-oss-'))
    .map(([name, value]) => `${name.toLowerCase()}:${value}\n`)
    .sort()
    .join('')
  const resource = pathname.split('/').length === 2 ? `${pathname}/` : decodeURIComponent(pathname)
  const toSign = `${method}\n\n${headers['content-type'] ?? ''}\n${date}\n${ossHeaders}${resource}`
  const signature = createHmac('sha1', ACCESS_KEY.secret).update(toSign).digest('base64')
  return { url, init: { method, headers: { ...headers, date, authorization: `OSS ${ACCESS_KEY.id}:${signature}` } } }
}
