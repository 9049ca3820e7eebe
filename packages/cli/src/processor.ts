/**
 * What the CLI needs from the engine: bytes and a process string in, encoded bytes (or JSON for
 * info/average-hue) out. The same shape as the server's `ImageProcessor`, so the CLI can use the
 * engine in-thread (`process`, `info`) or the server's worker-thread pool (`batch`).
 */
export type Dialect = 'oss' | 'obs'

export interface ProcessJob {
  source: Uint8Array
  process: string
  dialect: Dialect
  /** reads watermark objects; the CLI has no storage, so it passes `noObjects` (every object missing) */
  loadObject: (key: string, bucket?: string) => Promise<Uint8Array | null>
  signal?: AbortSignal
}

export interface ProcessOutput {
  body: Uint8Array
  contentType: string
}

export interface Processor {
  process(job: ProcessJob): Promise<ProcessOutput>
  close?(): Promise<void>
}
