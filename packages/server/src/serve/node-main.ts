/**
 * `pnpm start`: the server on port 8080 with the filesystem adapter in `./data`, a demo bucket
 * with an image drawn by our own code, and ready-to-use URLs and credentials printed.
 * Configuration: environment variables, see node-config.ts (and the package README).
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chainCredentialStores, createAuthenticator, createEnvCredentialStore, createRateLimiter, type Credential } from '../auth/index.js'
import { describeGeneratedCredential, loadCredentialsFile } from '../auth/node-credentials-file.js'
import type { Mount } from '../app.js'
import { DEMO_BUCKET, DEMO_KEY, DEMO_STYLE, ensureDemo, makeDemoImage } from '../demo.js'
import { createPlaygroundHandler, PLAYGROUND_PATH, type PlaygroundHandler } from '../playground/index.js'
import { playgroundAssets } from '../playground/node-assets.js'
import { createServerMetrics } from '../metrics/index.js'
import { configFromEnv, type NodeConfig } from './node-config.js'
import { explainListenError } from './node-listen-errors.js'
import { serve, type RunningServer, type ServeOptions } from './node.js'
import { initNodeRuntime } from './node-runtime.js'
import { createNodeStorage } from './node-storage.js'
import { checkFonts, fontHealth } from './node-fonts.js'
import { fontsFromDirectory } from '@imgproc/engine/node'
import { readNodeAsset } from '@imgproc/fonts/node'

export interface MainOptions {
  /** print the URLs and credentials (default true; of `--processes N`, only the first process does) */
  banner?: boolean
  /** extra fields for `GET /-/health` (a cluster's process names itself) */
  health?: ServeOptions['health']
}

export async function main(env: Readonly<Record<string, string | undefined>> = process.env, options: MainOptions = {}): Promise<RunningServer> {
  const config: NodeConfig = configFromEnv(env)
  const storage = await createNodeStorage(config, env)
  const file = await loadCredentialsFile(config.credentialsFile)
  if (file.generated) console.log(describeGeneratedCredential(file.generated, config.credentialsFile))
  const credentials = chainCredentialStores(createEnvCredentialStore(env), file.store)
  // the fonts are checked once here, so a missing font folder or a broken install is a line in
  // the log and a field of /-/health rather than a 501 on the first watermark (node-fonts.ts)
  const fonts = await checkFonts(config.fontDir ? { fontDir: config.fontDir } : {})
  if (options.banner !== false) for (const warning of fonts.warnings) console.warn(`imgproc: warning: ${warning}`)
  if (config.demo) {
    await initNodeRuntime()
    await ensureDemo(storage)
  }
  const server = await serve({
    storage,
    mounts: config.playground ? [playgroundMount(config.fontDir)] : [],
    port: config.port,
    ...(config.hostname ? { hostname: config.hostname } : {}),
    ...(config.tls ? { tls: { cert: await readFile(config.tls.certFile), key: await readFile(config.tls.keyFile) } } : {}),
    ...(config.workers ? { workers: config.workers } : {}),
    workerPool: {
      ...(config.workerRecycleBytes ? { recycleAboveBytes: config.workerRecycleBytes } : {}),
      // the worker threads (and the planner) read the font folder themselves (node-fonts.ts)
      ...(config.fontDir ? { factoryOptions: { fontDir: config.fontDir } } : {}),
    },
    ...(config.domains ? { domains: config.domains } : {}),
    ...(config.rateLimit ? { rateLimiter: createRateLimiter(config.rateLimit) } : {}),
    auth: createAuthenticator({ credentials }),
    metrics: createServerMetrics(),
    limits: config.limits,
    resultCache: config.resultCache,
    ...(config.bucketCacheMs === undefined ? {} : { bucketCacheMs: config.bucketCacheMs }),
    health: async () => ({ status: 'ok' as const, ...(options.health ? await options.health() : {}), text: fontHealth(fonts) }),
  }).catch(async (error: unknown) => {
    await storage.close?.()
    throw explainListenError(error, config.port)
  })
  const credential: Credential | undefined = env.IMGPROC_ACCESS_KEY_ID
    ? { accessKeyId: env.IMGPROC_ACCESS_KEY_ID, accessKeySecret: env.IMGPROC_ACCESS_KEY_SECRET ?? '' }
    : file.credentials[0]
  if (options.banner !== false) console.log(banner(config, server, credential))
  // the storage is ours: stop its background work (the file adapter's orphan sweep) with the server
  const { close, shutdown } = server
  return Object.assign(server, {
    close: async () => {
      await close()
      await storage.close?.()
    },
    shutdown: async (graceMs?: number) => {
      await shutdown(graceMs)
      await storage.close?.()
    },
  })
}

/**
 * The playground page (`/-/playground`), built on first visit: from a package build it serves the
 * prebuilt files, from source it bundles the page with esbuild. A failure there is reported on
 * the page's routes only; the API is unaffected.
 */
function playgroundMount(fontDir: string | undefined): Mount {
  let playground: Promise<PlaygroundHandler> | undefined
  // the browser pane draws with the server's fonts: the font folder's by name, the bundled files by file name
  const fonts = fontDir ? fontsFromDirectory(fontDir) : undefined
  return async (req, { uploadWork }) => {
    if (!new URL(req.url).pathname.startsWith(PLAYGROUND_PATH) || !uploadWork) return undefined
    playground ??= playgroundAssets().then((assets) =>
      createPlaygroundHandler({ uploadWork, assets, demoImage: () => makeDemoImage(), ...(fonts ? { fonts } : {}), bundledFile: readNodeAsset }),
    )
    try {
      return await (await playground)(req)
    } catch (error) {
      playground = undefined
      console.error('imgproc: the playground could not be built:', error)
      return new Response('The playground could not be built; see the server log.', { status: 500 })
    }
  }
}

/**
 * SIGTERM / SIGINT (or the given `signals`): a graceful stop bounded by `graceMs`
 * (node-shutdown.ts); a second signal, or the bound passing with something still holding the
 * event loop, ends the process at once. Returns a way to ask for the same graceful stop without a
 * signal (a cluster's primary, over IPC), which never forces one already under way.
 */
export function stopOnSignals(
  server: RunningServer,
  graceMs: number,
  exit: (code: number) => void = (code) => process.exit(code),
  signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'],
): () => void {
  let stopping = false
  const begin = () => {
    stopping = true
    setTimeout(() => exit(1), graceMs + 1000).unref()
    void server.shutdown(graceMs).then(() => exit(0), () => exit(1))
  }
  for (const signal of signals) process.on(signal, () => (stopping ? exit(1) : begin()))
  return () => {
    if (!stopping) begin()
  }
}

function banner(config: NodeConfig, server: RunningServer, credential?: Credential): string {
  const origin = `${config.tls ? 'https' : 'http'}://localhost:${server.port}`
  const object = `${origin}/${DEMO_BUCKET}/${DEMO_KEY}`
  const lines = [
    `imgproc listening on ${origin} (storage: ${config.storage === 'fs' ? config.dataDir : 'S3'}, ${server.workers} image workers)`,
  ]
  if (config.demo) {
    lines.push(
      '',
      `  plain:      ${object}`,
      `  processed:  ${object}?x-oss-process=image/resize,w_300/rotate,90`,
      `  styled:     ${object}?x-oss-process=style/${DEMO_STYLE.name}`,
      `  info (OBS): ${object}?x-image-process=image/info`,
    )
  }
  if (credential) {
    lines.push(
      '',
      `  AccessKeyId:     ${credential.accessKeyId}`,
      `  AccessKeySecret: ${credential.accessKeySecret}`,
      '',
      `  ali-oss:         new OSS({ endpoint: '${origin}', sldEnable: true, bucket: '${DEMO_BUCKET}', accessKeyId, accessKeySecret })`,
      `  esdk-obs-nodejs: new ObsClient({ server: '${origin.replace('localhost', '127.0.0.1')}', access_key_id, secret_access_key })`,
    )
  }
  const playground = config.playground ? `playground: ${origin}${PLAYGROUND_PATH}   ` : ''
  lines.push('', `  ${playground}health: ${origin}/-/health   metrics: ${origin}/-/metrics${config.production ? '   (production mode)' : ''}`)
  return lines.join('\n')
}

const invokedDirectly = process.argv[1] !== undefined && pathToFileURL(resolve(process.argv[1])).href === import.meta.url
if (invokedDirectly) {
  const start = async () => {
    const config = configFromEnv(process.env)
    if ((config.processes ?? 1) > 1) {
      // IMGPROC_PROCESSES: this process supervises that many HTTP processes (node-cluster.ts)
      const { startCluster, stopClusterOnSignals } = await import('./node-cluster.js')
      return stopClusterOnSignals(await startCluster())
    }
    stopOnSignals(await main(), config.shutdownGraceMs)
  }
  start().catch((error: unknown) => {
    console.error('imgproc: could not start:', error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
