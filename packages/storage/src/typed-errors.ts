/**
 * The adapters' promise that every failure is an ImgError: wraps each method so that anything
 * else (a bug, an unexpected I/O or parse failure) becomes InternalError with the original as
 * `cause`. ImgErrors pass through unchanged.
 */
import { toImgError } from '@imgproc/types'
import type { StorageAdapter } from '@imgproc/types'

export function withTypedErrors(adapter: StorageAdapter): StorageAdapter {
  const wrapped: Record<string, unknown> = { name: adapter.name }
  for (const [name, member] of Object.entries(adapter)) {
    if (typeof member !== 'function') continue
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await (member as (...a: unknown[]) => Promise<unknown>).apply(adapter, args)
      } catch (error) {
        throw toImgError(error, 'InternalError')
      }
    }
  }
  return wrapped as unknown as StorageAdapter
}
