/**
 * The playground's entry points in @imgproc/server (`@imgproc/server/playground` and
 * `@imgproc/server/playground/node`), loaded by package name on first use so a run without
 * Chromium never builds the page; the shapes the tests use are spelled out here.
 */
/** The server's `ImageProcessor` seam (what each worker thread runs). */
export interface ImageProcessor {
  process(job: { source: Uint8Array; process: string; dialect: 'oss' | 'obs'; loadObject: (key: string, bucket?: string) => Promise<Uint8Array | null>; signal?: AbortSignal }): Promise<{ body: Uint8Array; contentType: string }>
}

/** The guarded image work a server hands its mounted pages (`Mount` parts in @imgproc/server). */
/** `job.source`: the demo's bytes when the page asks for the demo with a GET (no body to read) */
export type UploadWork = (req: Request, job: { process: string; dialect: 'oss' | 'obs'; maxBytes?: number; source?: Uint8Array }) => Promise<{ body: Uint8Array; contentType: string }>

export interface PlaygroundAssets {
  get(name: string): unknown
}

export interface PlaygroundModule {
  createPlaygroundHandler(options: {
    uploadWork: UploadWork
    assets: PlaygroundAssets
    demoImage?: () => Promise<Uint8Array>
    fonts?: (name: string) => Uint8Array | null
    /** @imgproc/fonts' files by name (`fonts/*.woff`, `hb.wasm`), served where the browser engine looks for them */
    bundledFile?: (file: string) => Promise<Uint8Array>
  }): (req: Request) => Promise<Response | undefined>
}

type BuildOptions = { esbuild: unknown; plugins?: unknown[]; minify?: boolean }

export interface PlaygroundNodeModule {
  buildPlaygroundAssets(options: BuildOptions): Promise<PlaygroundAssets>
  writePlaygroundFiles(dir: string, options: BuildOptions): Promise<string[]>
  loadPlaygroundAssets(dir: string): { get(name: string): Promise<{ body: Uint8Array; type: string } | null> }
}

const specifiers = { handler: '@imgproc/server/playground', node: '@imgproc/server/playground/node' }

export const loadPlayground = async () => ({
  handler: (await import(/* @vite-ignore */ specifiers.handler)) as PlaygroundModule,
  node: (await import(/* @vite-ignore */ specifiers.node)) as PlaygroundNodeModule,
})
