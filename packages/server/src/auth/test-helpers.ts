/** What the signature tests share: one credential pair, a fixed clock, and the typed rejection of a promise. */
import { ImgError } from '@imgproc/types'
import { expect } from 'vitest'
import { createMemoryCredentialStore } from './credentials.js'

export const credentials = createMemoryCredentialStore({ ak: 'sk' })

/** A clock stopped at `seconds` since the epoch. */
export const at = (seconds: number) => () => new Date(seconds * 1000)

/** The ImgError a promise rejects with (fails the test when it resolves or rejects with anything else). */
export async function rejection(promise: Promise<unknown>): Promise<ImgError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ImgError)
  return error as ImgError
}
