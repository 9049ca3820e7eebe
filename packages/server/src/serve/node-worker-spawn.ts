/**
 * Starts one image worker thread (`node-worker.ts`): from the build, its `.js` beside this module;
 * from TypeScript source (tsx, vitest), a thread that registers tsx's ESM hooks first and then
 * imports the `.ts` entry, so one command (`pnpm start`) works without a build.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { WorkerSetup } from './node-worker-protocol.js'

const fromSource = import.meta.url.endsWith('.ts')

/** A worker for `setup`, its V8 heap capped at `maxHeapMb` (its WebAssembly memory is separate). */
export function spawnWorker(setup: WorkerSetup, maxHeapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb }
  const workerData: WorkerSetup = { ...setup }
  if (!fromSource) return new Worker(new URL('./node-worker.js', import.meta.url), { workerData, resourceLimits })
  const require = createRequire(import.meta.url)
  const tsxApi = pathToFileURL(require.resolve('tsx/package.json').replace(/package\.json$/, 'dist/esm/api/index.mjs')).href
  const tsconfig = fileURLToPath(new URL('../../../../tsconfig.json', import.meta.url))
  const entry = new URL('./node-worker.ts', import.meta.url).href
  const options = existsSync(tsconfig) ? `{ tsconfig: ${JSON.stringify(tsconfig)} }` : '{}'
  const code = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(${options}); return import(${JSON.stringify(entry)}) })`
  return new Worker(code, { eval: true, workerData, resourceLimits })
}
