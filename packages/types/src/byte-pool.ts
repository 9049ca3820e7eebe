/**
 * Recycled byte buffers for object bodies that are read whole and handed on whole (an image
 * source, read by the storage adapter on the main thread and moved to a worker thread).
 *
 * Why: a fresh buffer of a few hundred KiB is mapped from the OS and each of its pages is faulted
 * in by the read that fills it. On the project machine (a VM) reading an 829 KB source into a fresh
 * buffer cost 200-650 µs of system time, into a reused one 25 µs (`readAt` in a loop, process CPU
 * from /proc); at 80 thumbnails a second on two cores that is CPU the image workers lose (issue
 * 14's worker scaling). So the server's worker pool hands a source's buffer back once the worker
 * has answered a job, and the next read of the same size class reuses it. (Other reads, such as a
 * GET's body, take buffers and leave them to the collector.)
 *
 * Ownership, which makes moving and reusing safe: `takeBytes` mints a buffer for one user only,
 * who gets a view from its start (`ownsWholeBuffer` tells such a view apart), so that user may
 * transfer the whole buffer to another thread without copying and without moving bytes anyone
 * else holds. A buffer comes back (`recycleBytes`) only by transfer: the thread it moved to sends
 * it back, and a transfer detaches every view in the sender, so the new buffer object that
 * arrives is its receiver's alone. A buffer this pool handed out is never taken back directly,
 * since a view of it may still be in use (a GET body being written to a socket).
 *
 * Nothing of an earlier object is handed out: a reused buffer's bytes past the view asked for are
 * cleared, so a buffer moved whole carries only its new user's bytes. The view's own bytes are
 * not cleared (the reader overwrites them). One pool per JS realm; what it keeps idle is bounded
 * (32 MiB, at most 16 buffers). Size classes as the pixel pool's (`pooledCapacity`).
 */
import { pooledCapacity } from './pixel-pool.js'

/** Smaller buffers cost little to allocate and fault in: minted (so they can move whole), never kept. */
const MIN_POOLED_BYTES = 64 * 1024
const MAX_BUFFERS = 16
const BUDGET_BYTES = 32 * 2 ** 20

const minted = new WeakSet<ArrayBuffer>()
/** idle buffers, least recently returned first */
const idle: ArrayBuffer[] = []
let idleBytes = 0

/**
 * A view of `length` bytes from the start of a buffer of its own: a recycled one of its size class
 * when one is idle, else a new one. The view's bytes are not cleared (fill them); every byte past
 * them is zero.
 */
export function takeBytes(length: number): Uint8Array {
  if (length >= MIN_POOLED_BYTES) {
    const capacity = pooledCapacity(length)
    for (let i = idle.length - 1; i >= 0; i--) {
      if (idle[i]!.byteLength !== capacity) continue
      const buffer = idle.splice(i, 1)[0]!
      idleBytes -= capacity
      new Uint8Array(buffer, length).fill(0)
      return new Uint8Array(buffer, 0, length)
    }
    const buffer = new ArrayBuffer(capacity)
    minted.add(buffer)
    return new Uint8Array(buffer, 0, length)
  }
  const buffer = new ArrayBuffer(length)
  minted.add(buffer)
  return new Uint8Array(buffer)
}

/**
 * Whether `view` starts a buffer `takeBytes` minted: its holder is that buffer's only user and may
 * transfer it whole (bytes past the view are zero or the holder's own).
 */
export function ownsWholeBuffer(view: Uint8Array): boolean {
  return view.byteOffset === 0 && view.buffer instanceof ArrayBuffer && minted.has(view.buffer)
}

/**
 * Keeps `buffer`, which arrived by transfer from another thread (see the file comment), for a later
 * `takeBytes`. Ignored when this pool handed it out itself (it may still be in use), when its length
 * is not a pooled size class (so a buffer of some other origin, or a detached one, is never kept);
 * the oldest idle buffers go when over the budget.
 */
export function recycleBytes(buffer: ArrayBuffer): void {
  if (!(buffer instanceof ArrayBuffer) || minted.has(buffer)) return
  const capacity = buffer.byteLength
  if (capacity < MIN_POOLED_BYTES || pooledCapacity(capacity) !== capacity || capacity > BUDGET_BYTES) return
  minted.add(buffer)
  idle.push(buffer)
  idleBytes += capacity
  while (idleBytes > BUDGET_BYTES || idle.length > MAX_BUFFERS) idleBytes -= idle.shift()!.byteLength
}

/**
 * Lets `buffer` move whole again: one that went to another thread whole (`ownsWholeBuffer`, or a
 * buffer of the message's own) and came back by transfer unused, as the source of an image job
 * whose memory was not free (the server runs it again). The transfer detached every other view,
 * so its receiver is its only user; what lies past the source's bytes is what lay there when it
 * left (zero, or the holder's own).
 */
export function adoptReturnedBytes(buffer: ArrayBuffer): void {
  if (buffer instanceof ArrayBuffer) minted.add(buffer)
}

/** What is idle now (for tests and metrics). */
export function bytePoolStats(): { buffers: number; bytes: number } {
  return { buffers: idle.length, bytes: idleBytes }
}
