import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type FetchLike = (req: Request) => Promise<Response | undefined>

/**
 * A Web fetch handler on node:http at 127.0.0.1 (a free port), for browser tests. Bodies are
 * buffered (test payloads are small); an `undefined` answer is a 404.
 */
export async function serveFetch(handler: FetchLike): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of incoming) chunks.push(chunk as Buffer)
    const headers = new Headers()
    for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers.set(name, value)
    const method = incoming.method ?? 'GET'
    const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks)
    const response = (await handler(new Request(`http://127.0.0.1${incoming.url ?? '/'}`, { method, headers, body }))) ?? new Response('not found', { status: 404 })
    outgoing.writeHead(response.status, Object.fromEntries(response.headers))
    outgoing.end(Buffer.from(await response.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
