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
  /** only the server reads watermark objects from a bucket; the CLI passes a placeholder */
  bucket: string
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
