import { ImgError, type ObjectMeta, type OpenedObject } from '@imgproc/types'

/**
 * An `OpenedObject` (StorageAdapter.open) from an adapter's halves: `readBody` reads the whole
 * body of the version `meta` describes, `release` frees what was held (a file descriptor), and
 * `fd`, when given, is that open file, whose first `meta.size` bytes are the body (`takeFile`).
 * The contract's bookkeeping lives here, once: the body is read or taken at most once, `release`
 * runs exactly once (after the read, on the first `close()`, or on the taken file's `close()`),
 * a read after `close()` is refused.
 */
export function openedObject(meta: ObjectMeta, readBody: () => Promise<Uint8Array>, release: () => void = () => {}, fd?: number): OpenedObject {
  let state: 'open' | 'reading' | 'taken' | 'done' = 'open'
  const finish = () => {
    if (state === 'done') return
    state = 'done'
    release()
  }
  const takeFile = () => {
    if (state !== 'open' || fd === undefined) return undefined
    state = 'taken'
    let closed = false
    const close = () => {
      if (closed) return
      closed = true
      release()
    }
    return { fd, start: 0, length: meta.size, close }
  }
  return {
    meta,
    ...(fd === undefined ? {} : { takeFile }),
    async read() {
      if (state !== 'open') throw new ImgError('InternalError', `The body of ${meta.key} was already read, taken or released.`)
      state = 'reading'
      try {
        return await readBody()
      } finally {
        finish()
      }
    },
    close() {
      // a read in progress releases when it ends
      if (state === 'open') finish()
    },
  }
}
