/**
 * The engine as the page uses it: created once, with the codecs' WASM fetched from beside the
 * bundle (`/-/playground/*.wasm`), and a plan summary for display.
 */
import type { Dialect } from '@imgproc/grammar'
import { ImgError } from '@imgproc/types'

export interface BrowserResult {
  kind: 'image' | 'json'
  bytes: Uint8Array
  mimeType: string
  width?: number
  height?: number
  /** the engine's plan in words, one step a line */
  plan: string
}

export async function runInBrowser(_bytes: Uint8Array, _text: string, _dialect: Dialect): Promise<BrowserResult> {
  throw new ImgError('NotImplemented', 'The engine has not landed in this build yet.')
}
