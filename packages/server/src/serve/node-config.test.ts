import { describe, expect, it } from 'vitest'
import { configFromEnv } from './node-config.js'

describe('configFromEnv', () => {
  it('has the pnpm start defaults', () => {
    expect(configFromEnv({})).toEqual({
      port: 8080,
      dataDir: './data',
      storage: 'fs',
      credentialsFile: './.imgproc/credentials.json',
      limits: {},
      demo: true,
      production: false,
      playground: true,
      shutdownGraceMs: 10_000,
      resultCache: {},
    })
  })

  it('production mode turns the demo bucket and the playground off unless asked for', () => {
    for (const env of [{ IMGPROC_MODE: 'production' }, { NODE_ENV: 'production' }]) {
      expect(configFromEnv(env)).toMatchObject({ production: true, demo: false, playground: false })
    }
    expect(configFromEnv({ IMGPROC_MODE: 'production', IMGPROC_PLAYGROUND: '1' })).toMatchObject({ production: true, playground: true })
    expect(configFromEnv({ IMGPROC_PLAYGROUND: '0' })).toMatchObject({ production: false, playground: false, demo: true })
    expect(() => configFromEnv({ IMGPROC_PLAYGROUND: 'maybe' })).toThrow(/IMGPROC_PLAYGROUND/)
  })

  it('reads the font folder (IMGPROC_FONT_DIR); none by default', () => {
    expect(configFromEnv({ IMGPROC_FONT_DIR: '/srv/fonts' }).fontDir).toBe('/srv/fonts')
    expect(configFromEnv({}).fontDir).toBeUndefined()
  })

  it('reads the memory budget, target wait and shutdown bound', () => {
    expect(configFromEnv({ IMGPROC_MEMORY_BUDGET_MB: '1024', IMGPROC_TARGET_WAIT_MS: '2000', IMGPROC_SHUTDOWN_MS: '3000' })).toMatchObject({
      limits: { memoryBudgetBytes: 1024 * 1024 * 1024, targetWaitMs: 2000 },
      shutdownGraceMs: 3000,
    })
  })

  it('reads every setting', () => {
    const config = configFromEnv({
      PORT: '9000',
      IMGPROC_HOST: '127.0.0.1',
      IMGPROC_TLS_CERT: 'c.pem',
      IMGPROC_TLS_KEY: 'k.pem',
      IMGPROC_DOMAINS: 'img.example.com, localhost',
      IMGPROC_WORKERS: '3',
      IMGPROC_RATE_LIMIT: '50',
      IMGPROC_RATE_BURST: '100',
      IMGPROC_MAX_STYLES: '20',
      IMGPROC_DEADLINE_MS: '5000',
      IMGPROC_DEMO: '0',
      IMGPROC_STORAGE: 's3',
    })
    expect(config).toMatchObject({
      port: 9000,
      hostname: '127.0.0.1',
      tls: { certFile: 'c.pem', keyFile: 'k.pem' },
      domains: ['img.example.com', 'localhost'],
      workers: 3,
      rateLimit: { requestsPerSecond: 50, burst: 100 },
      limits: { maxStyles: 20, deadlineMs: 5000 },
      demo: false,
      storage: 's3',
    })
  })

  it('refuses nonsense with the variable name', () => {
    expect(() => configFromEnv({ PORT: 'abc' })).toThrow(/PORT/)
    expect(() => configFromEnv({ IMGPROC_TLS_CERT: 'c.pem' })).toThrow(/IMGPROC_TLS_KEY/)
    expect(() => configFromEnv({ IMGPROC_STORAGE: 'ftp' })).toThrow(/IMGPROC_STORAGE/)
  })
})
