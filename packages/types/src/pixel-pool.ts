/**
 * Recycled pixel buffers.
 *
 * Why: a fresh multi-megabyte ArrayBuffer is mapped from the OS and each of its pages is faulted in
 * on first write. On the project machine (a VM) filling a new 24 MB buffer takes ~30 ms, a reused
 * one ~1 ms; a full-size rotate allocates two such buffers, so fresh memory was most of its time,
 * and the page faults (and the collector freeing the buffers) are work that workers on other
 * cores contend for. Pipelines decode, turn and crop into buffers of the same sizes request after
 * request, so the engine hands its intermediate images back when it is done with them, and the
 * next allocation of the same byte length reuses one.
 *
 * Only buffers this pool minted (`takePixels`) are ever recycled, so a view into a WebAssembly
 * memory or a caller's buffer can never enter it. A recycled buffer must not be used again by
 * whoever returned it. One pool per JS realm (each worker thread has its own); what it keeps idle
 * is bounded by `setPixelPoolBudget` (96 MiB by default, at most 16 buffers).
 *
 * Size classes: a buffer is minted with its length rounded up to an eighth of its power of two
 * (at most 12.5% more) and handed out as a view of exactly the length asked for, so images of
 * nearby sizes share buffers. Thumbnails of a width drawn per request each needed a fresh buffer
 * when only equal lengths matched; in a two-worker server that fresh memory, and the collections
 * its external bytes triggered, cost ~1.6 ms of GC-thread CPU a request (issue 14's worker scaling).
 */

/** Smaller buffers are cheap to allocate: not worth pooling. */
const MIN_POOLED_BYTES = 1 << 20
const MAX_BUFFERS = 16

/** The bytes minted for `length`: rounded up to an eighth of its power of two. */
export function pooledCapacity(length: number): number {
  const step = 2 ** Math.max(0, Math.floor(Math.log2(length)) - 3)
  return Math.ceil(length / step) * step
}

const minted = new WeakSet<ArrayBuffer>()
/** idle buffers, least recently returned first */
const idle: ArrayBuffer[] = []
let idleBytes = 0
let budgetBytes = 96 * 2 ** 20

/**
 * `length` bytes of pixels: a view of that length over a recycled buffer of its size class when
 * one is idle, else over a new one. `zeroed: false` skips clearing a recycled buffer, for callers
 * that overwrite every byte. (Below 1 MiB: a plain array of its own.)
 */
export function takePixels(length: number, zeroed = true): Uint8ClampedArray {
  if (length < MIN_POOLED_BYTES) return new Uint8ClampedArray(length)
  const capacity = pooledCapacity(length)
  for (let i = idle.length - 1; i >= 0; i--) {
    if (idle[i]!.byteLength !== capacity) continue
    const buffer = idle.splice(i, 1)[0]!
    idleBytes -= capacity
    const data = new Uint8ClampedArray(buffer, 0, length)
    if (zeroed) data.fill(0)
    return data
  }
  const buffer = new ArrayBuffer(capacity)
  minted.add(buffer)
  return new Uint8ClampedArray(buffer, 0, length)
}

/**
 * Hands `data`'s buffer back for reuse. Ignored unless the pool minted it, it is whole (not
 * transferred away) and not already idle; the oldest idle buffers go when over the budget.
 */
export function recyclePixels(data: Uint8ClampedArray): void {
  const buffer = data.buffer
  if (!(buffer instanceof ArrayBuffer) || !minted.has(buffer) || buffer.byteLength === 0) return
  if (buffer.byteLength > budgetBytes || idle.includes(buffer)) return
  idle.push(buffer)
  idleBytes += buffer.byteLength
  while (idleBytes > budgetBytes || idle.length > MAX_BUFFERS) idleBytes -= idle.shift()!.byteLength
}

/** Sets the most idle bytes kept (0 turns recycling off and drops what is idle). */
export function setPixelPoolBudget(bytes: number): void {
  budgetBytes = Math.max(0, bytes)
  while (idleBytes > budgetBytes) idleBytes -= idle.shift()!.byteLength
}

/** What is idle now (for tests and metrics). */
export function pixelPoolStats(): { buffers: number; bytes: number; budgetBytes: number } {
  return { buffers: idle.length, bytes: idleBytes, budgetBytes }
}
