import { fnv1a } from './checksum.js'
import { smokeImage } from './fixture.js'
import { part, type PartResult, type SmokeReport } from './parts.js'

export type { PartResult, SmokeReport }

export interface SmokeEnv {
  /** runtime name, reported back */
  runtime: string
  /** hands the codecs their WASM the way this runtime needs it (omitted where the default loader works) */
  initCodecs?: () => Promise<void>
}

/** Everything the runtime matrix compares with Node's result. */
export async function runSmoke(env: SmokeEnv): Promise<SmokeReport> {
  const parts: Record<string, PartResult> = {}
  await part(parts, 'platform', async () => {
    const image = smokeImage()
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', image.data))
    return { width: image.width, height: image.height, pixels: fnv1a(image.data), sha256: fnv1a(digest), wasm: typeof WebAssembly.compile }
  })
  return { runtime: env.runtime, parts }
}
