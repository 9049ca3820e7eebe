/**
 * What `pnpm start` and `imgproc serve` say when the server cannot listen. Node's own error
 * (`listen EADDRINUSE: address already in use :::8080`) names neither the cause in plain words nor
 * the setting that fixes it; this one does, on one line, so the starters print it without a stack.
 */
export class PortInUseError extends Error {
  readonly code = 'EADDRINUSE'

  constructor(
    readonly port: number,
    options?: ErrorOptions,
  ) {
    super(`port ${port} is already in use: choose another with IMGPROC_PORT=<n> (or PORT=<n>; imgproc serve --port <n>), 0 for any free port`, options)
    this.name = 'PortInUseError'
  }
}

/** Node's listen error turned into its explanation; any other error as it was. */
export function explainListenError(error: unknown, port: number): unknown {
  return (error as { code?: unknown } | null)?.code === 'EADDRINUSE' ? new PortInUseError(port, { cause: error }) : error
}
