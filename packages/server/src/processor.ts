/**
 * The seam between HTTP and pixels. The handler hands an `ImageProcessor` the source bytes and a
 * process string (styles already resolved); the processor answers with the encoded output.
 * Two implementations: the engine run in-thread (Workers, Deno, Bun, tests) and, on Node, a pool
 * of worker threads (`serve/node-worker-pool.ts`) so image work never runs on the event loop.
 */
export interface ProcessJob {
  /** the stored bytes of the source object */
  source: Uint8Array
  /** `image/...`, as the client wrote it after style resolution, without `|sys/saveas` */
  process: string
  /** OSS or OBS semantics (info JSON shape, average-hue form, defaults) */
  dialect: 'oss' | 'obs'
  /** the source's bucket: watermark objects are read from it */
  bucket: string
  signal?: AbortSignal
}

export interface ProcessOutput {
  body: Uint8Array
  /** `image/jpeg`, `image/png`, … or `application/json` for info and average-hue */
  contentType: string
}

/** Reads an object for the engine (watermark images); null when it does not exist. */
export type LoadObject = (bucket: string, key: string, signal?: AbortSignal) => Promise<Uint8Array | null>

export interface ImageProcessor {
  process(job: ProcessJob): Promise<ProcessOutput>
  /** frees threads or WASM memory; optional */
  close?(): Promise<void>
}
