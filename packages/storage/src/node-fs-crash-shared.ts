/** What the crash test's writer and checker agree on (node-fs-crash.test.ts). */
export const CRASH_BUCKET = 'crash'
export const CRASH_KEYS = Array.from({ length: 12 }, (_, i) => `obj/${i}`)
export const WRITERS = 4

/** The body for one (key, generation): a text header, then 20-400 KB derived from both. */
export function crashBody(key: string, generation: number): Uint8Array {
  const header = new TextEncoder().encode(`${key}|${generation}|`)
  let x = (generation * 2654435761 + key.length * 97 + key.charCodeAt(key.length - 1)) >>> 0 || 1
  const size = 20_000 + (x % 380_000)
  const out = new Uint8Array(header.length + size)
  out.set(header)
  for (let i = header.length; i < out.length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

/** The generation a body claims, or undefined when its header is not readable. */
export function claimedGeneration(key: string, body: Uint8Array): number | undefined {
  const head = new TextDecoder().decode(body.subarray(0, 64))
  const match = /^([^|]*)\|(\d+)\|/.exec(head)
  return match && match[1] === key ? Number(match[2]) : undefined
}
