// The server as `pnpm start` runs it (node-main.ts: filesystem storage, the demo, the playground
// bundled from source on first use), on a free port of 127.0.0.1, for playground.bench.ts.
// Usage: tsx benchmarks/playground/server.ts <dataDir>
import { main } from '../../packages/server/src/serve/node-main.js'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: server.ts <dataDir>')
// the demo and the playground on even where NODE_ENV=production would turn them off
const env = { ...process.env, IMGPROC_DATA_DIR: dataDir, IMGPROC_CREDENTIALS_FILE: `${dataDir}/credentials.json`, IMGPROC_PORT: '0', IMGPROC_HOST: '127.0.0.1', IMGPROC_DEMO: '1', IMGPROC_PLAYGROUND: '1' }
const server = await main(env, { banner: false })
process.once('SIGTERM', () => {
  server.close().finally(() => process.exit(0))
  setTimeout(() => process.exit(0), 3000).unref()
})
console.log(`ready ${server.port}`)
