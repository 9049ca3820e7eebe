import { ImgError, type ObjectMeta, type OpenedObject } from '@imgproc/types'

/**
 * An `OpenedObject` (StorageAdapter.open) from an adapter's two halves: `readBody` reads the whole
 * body of the version `meta` describes, `release` frees what was held (a file descriptor). The
 * contract's bookkeeping lives here, once: the body is read at most once, `release` runs exactly
 * once (after the read, or on the first `close()`), a read after `close()` is refused.
 */
export function openedObject(meta: ObjectMeta, readBody: () => Promise<Uint8Array>, release: () => void = () => {}): OpenedObject {
  let state: 'open' | 'reading' | 'done' = 'open'
  const finish = () => {
    if (state === 'done') return
    state = 'done'
    release()
  }
  return {
    meta,
    async read() {
      if (state !== 'open') throw new ImgError('InternalError', `The body of ${meta.key} was already read or released.`)
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
