/**
 * Prepares this Node thread (main thread or image worker) for the codecs: their WASM files are
 * read from node_modules (Node's fetch cannot load file: URLs, which the glue would otherwise
 * use). Idempotent.
 */
let ready: Promise<void> | undefined

export function initNodeRuntime(): Promise<void> {
  ready ??= (async () => {
    const codecsNode = (await import('@imgproc/codecs/node')) as { initNode(): Promise<void> }
    await codecsNode.initNode()
  })()
  return ready
}
