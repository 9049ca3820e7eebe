/**
 * The style rules every adapter applies the same way (spec section 6): name check, non-empty
 * content, creation order, overwrite keeps `createdAt`, a per-bucket limit.
 */
import { ImgError } from '@imgproc/types'
import type { Style, StyleInput } from '@imgproc/types'
import { assertStyleName } from './names.js'

/**
 * Default limit of styles per bucket: 100, as the style API description in the project seeds
 * says (Huawei OBS's figure). The OSS manual says 50; pass `maxStyles: 50` for OSS parity.
 */
export const DEFAULT_MAX_STYLES = 100

export function validateStyleInput(input: StyleInput): void {
  assertStyleName(input?.name)
  if (typeof input.content !== 'string' || input.content.trim() === '') {
    throw new ImgError('InvalidArgument', 'Style content is invalid.', { argument: 'content', value: String(input.content) })
  }
  if (input.category !== undefined && (typeof input.category !== 'string' || input.category === '')) {
    throw new ImgError('InvalidArgument', 'Style category is invalid.', { argument: 'category', value: String(input.category) })
  }
}

/**
 * The new style record for `input`, given the current one of that name (if any) and the number
 * of styles in the bucket. Throws TooManyStyles when a new name would exceed `maxStyles`.
 */
export function nextStyle(input: StyleInput, existing: Style | null | undefined, count: number, maxStyles: number, now = new Date()): Style {
  validateStyleInput(input)
  if (!existing && count >= maxStyles) {
    throw new ImgError('TooManyStyles', `Your style count is exceeded ${maxStyles}.`, { argument: 'stylename', value: input.name })
  }
  return {
    name: input.name,
    content: input.content,
    category: input.category ?? existing?.category ?? 'image',
    createdAt: existing?.createdAt ?? now,
    lastModified: now,
  }
}

/** Creation order, ties broken by name (so the order is total and stable). */
export function byCreation(a: Style, b: Style): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
}

export function cloneStyle(style: Style): Style {
  return { ...style, createdAt: new Date(style.createdAt), lastModified: new Date(style.lastModified) }
}
