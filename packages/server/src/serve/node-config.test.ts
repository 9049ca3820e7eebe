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
