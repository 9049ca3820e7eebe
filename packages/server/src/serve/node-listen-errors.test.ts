import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { explainListenError, PortInUseError } from './node-listen-errors.js'
import { main } from './node-main.js'

describe('explainListenError', () => {
  it('turns EADDRINUSE into one line naming the port and the settings that change it', () => {
    const cause = Object.assign(new Error('listen EADDRINUSE: address already in use :::8080'), { code: 'EADDRINUSE' })
    const explained = explainListenError(cause, 8080)
    expect(explained).toBeInstanceOf(PortInUseError)
    const message = (explained as Error).message
    expect(message).toMatch(/^port 8080 is already in use/)
    for (const setting of ['IMGPROC_PORT', 'PORT', '--port']) expect(message).toContain(setting)
    expect(message).not.toContain('\n')
    expect((explained as Error).cause).toBe(cause)
  })

  it('leaves other errors alone', () => {
    const other = Object.assign(new Error('listen EACCES'), { code: 'EACCES' })
    expect(explainListenError(other, 80)).toBe(other)
    expect(explainListenError('text', 80)).toBe('text')
  })

  it('main() on a port already taken rejects with it', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as AddressInfo
    const dir = await mkdtemp(join(tmpdir(), 'imgproc-port-'))
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined) // the generated key's banner
    try {
      const env = { IMGPROC_PORT: String(port), IMGPROC_HOST: '127.0.0.1', IMGPROC_DATA_DIR: join(dir, 'data'), IMGPROC_CREDENTIALS_FILE: join(dir, 'c.json'), IMGPROC_WORKERS: '1', IMGPROC_DEMO: '0' }
      const started = main(env)
      await expect(started).rejects.toBeInstanceOf(PortInUseError)
      await expect(started).rejects.toThrow(`port ${port} is already in use`)
    } finally {
      log.mockRestore()
      blocker.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
