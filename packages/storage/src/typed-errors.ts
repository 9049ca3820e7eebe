/**
 * The adapters' promise that every failure is an ImgError: wraps each method (and those of `results`) so that anything
 * else (a bug, an unexpected I/O or parse failure) becomes InternalError with the original as
 * `cause`. ImgErrors pass through unchanged.
 */
import { toImgError } from '@imgproc/types'
import type { StorageAdapter } from '@imgproc/types'

export function withTypedErrors(adapter: StorageAdapter): StorageAdapter {
  const wrapped = typedMethods(adapter) as unknown as Record<string, unknown>
  wrapped.name = adapter.name
  if (adapter.results) wrapped.results = typedMethods(adapter.results)
  return wrapped as unknown as StorageAdapter
}

/** Each method of `target`, bound to it, with every failure an ImgError (other members are dropped). */
export function typedMethods<T extends object>(target: T): T {
  const wrapped: Record<string, unknown> = {}
  for (const [name, member] of Object.entries(target)) {
    if (typeof member !== 'function') continue
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await (member as (...a: unknown[]) => Promise<unknown>).apply(target, args)
      } catch (error) {
        throw toImgError(error, 'InternalError')
      }
    }
  }
  return wrapped as T
}
