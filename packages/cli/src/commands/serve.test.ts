import { describe, expect, it } from 'vitest'
import { serveEnv } from './serve.js'

describe('serveEnv', () => {
  it('turns flags into the server own IMGPROC_* variables, keeping the rest of the environment', () => {
    expect(serveEnv({ data: '/srv/img', port: '9000', host: '127.0.0.1', workers: '3', 'no-demo': true }, { KEEP: 'x' })).toEqual({
      KEEP: 'x', IMGPROC_DATA_DIR: '/srv/img', IMGPROC_PORT: '9000', IMGPROC_HOST: '127.0.0.1', IMGPROC_WORKERS: '3', IMGPROC_DEMO: '0',
    })
  })
  it('refuses a port that is not 1-65535', () => {
    expect(() => serveEnv({ port: '70000' }, {})).toThrow(/--port/)
    expect(() => serveEnv({ port: 'http' }, {})).toThrow(/--port/)
    expect(() => serveEnv({ port: '0' }, {})).toThrow(/--port/)
  })
})
