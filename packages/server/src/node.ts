/**
 * Node-only entry (`@imgproc/server/node`): `serve()` with HTTP/HTTPS and a worker-thread pool,
 * the pool itself, configuration from the environment, the credentials file, and `main()` (what
 * `pnpm start` runs).
 * @module
 */
export { serve, type RunningServer, type ServeOptions } from './serve/node.js'
export { createWorkerPool, type WorkerPool, type WorkerPoolOptions } from './serve/node-worker-pool.js'
export { configFromEnv, type NodeConfig } from './serve/node-config.js'
export { PortInUseError } from './serve/node-listen-errors.js'
export { createNodeStorage } from './serve/node-storage.js'
export { main } from './serve/node-main.js'
export { startCluster, stopClusterOnSignals, type ClusterOptions, type RunningCluster } from './serve/node-cluster.js'
export { describeGeneratedCredential, loadCredentialsFile, type CredentialsFileResult } from './auth/node-credentials-file.js'
/** What `imgproc serve` calls: `main(env)` under the name the CLI looks for. */
export { main as startFromEnv } from './serve/node-main.js'
