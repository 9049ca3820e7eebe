import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { captureIo } from '../testing-io.js'
import { serveCommand, serveEnv } from './serve.js'

describe('serveEnv', () => {
  it('turns flags into the server own IMGPROC_* variables, keeping the rest of the environment', () => {
    expect(serveEnv({ data: '/srv/img', port: '9000', host: '127.0.0.1', workers: '3', 'no-demo': true }, { KEEP: 'x' })).toEqual({
      KEEP: 'x', IMGPROC_DATA_DIR: '/srv/img', IMGPROC_PORT: '9000', IMGPROC_HOST: '127.0.0.1', IMGPROC_WORKERS: '3', IMGPROC_DEMO: '0',
    })
    expect(serveEnv({ 'font-dir': '/srv/fonts' }, {})).toEqual({ IMGPROC_FONT_DIR: '/srv/fonts' })
  })
  it('takes --processes as IMGPROC_PROCESSES, a whole number from 1', () => {
    expect(serveEnv({ processes: '4' }, {}).IMGPROC_PROCESSES).toBe('4')
    expect(() => serveEnv({ processes: '0' }, {})).toThrow(/--processes/)
    expect(() => serveEnv({ processes: '1.5' }, {})).toThrow(/--processes/)
  })
  it('refuses a port that is not 0-65535 (0: any free port)', () => {
    expect(() => serveEnv({ port: '70000' }, {})).toThrow(/--port/)
    expect(() => serveEnv({ port: 'http' }, {})).toThrow(/--port/)
    expect(() => serveEnv({ port: '-1' }, {})).toThrow(/--port/)
    expect(serveEnv({ port: '0' }, {}).IMGPROC_PORT).toBe('0')
  })

  it('says on one line that the port is taken and how to choose another (exit 1, no stack)', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as AddressInfo
    const dir = await mkdtemp(join(tmpdir(), 'imgproc-serve-port-'))
    vi.stubEnv('IMGPROC_CREDENTIALS_FILE', join(dir, 'credentials.json'))
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined) // the generated key's banner
    try {
      const io = captureIo()
      const argv = ['--port', String(port), '--host', '127.0.0.1', '--data', join(dir, 'data'), '--workers', '1', '--no-demo']
      expect(await serveCommand.run(argv, io)).toBe(1)
      expect(io.err()).toMatch(new RegExp(`^imgproc: port ${port} is already in use: .*IMGPROC_PORT.*--port <n>.*\\n$`))
      expect(io.err().split('\n')).toHaveLength(2)
    } finally {
      log.mockRestore()
      vi.unstubAllEnvs()
      blocker.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
