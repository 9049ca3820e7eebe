import type { BenchCodec } from './contender.js'

export type Task =
  | { id: string; kind: 'decode' }
  | { id: string; kind: 'encode'; codec: BenchCodec; quality: number }
  | { id: string; kind: 'pipeline'; codec: BenchCodec; quality: number; width?: number }

/** Task groups a user names with `--tasks`. */
export const TASK_GROUPS = ['decode', 'encode', 'thumbnail', 'png-thumbnail', 'webp', 'avif'] as const
export type TaskGroup = (typeof TASK_GROUPS)[number]

export const ALL_CODECS: readonly BenchCodec[] = ['jpeg', 'webp', 'avif', 'png']

/** Qualities of the encode ladder: enough points to draw a quality-vs-size curve. */
export const QUALITIES = [50, 75, 90] as const

export interface TaskSelection {
  groups: readonly TaskGroup[]
  codecs: readonly BenchCodec[]
  qualities?: readonly number[]
}

/**
 * The standard tasks: decode; encode at several qualities per codec; the thumbnail pipelines
 * (720 wide JPEG q80, 320 wide PNG) and format conversion to WebP (q80) and AVIF (q50).
 */
export function selectTasks({ groups, codecs, qualities = QUALITIES }: TaskSelection): Task[] {
  const tasks: Task[] = []
  const want = new Set(groups)
  if (want.has('decode')) tasks.push({ id: 'decode', kind: 'decode' })
  if (want.has('encode'))
    for (const codec of codecs)
      for (const quality of codec === 'png' ? [100] : qualities)
        tasks.push({ id: codec === 'png' ? 'encode:png' : `encode:${codec}@${quality}`, kind: 'encode', codec, quality })
  if (want.has('thumbnail') && codecs.includes('jpeg'))
    tasks.push({ id: 'thumbnail-jpeg-720', kind: 'pipeline', codec: 'jpeg', quality: 80, width: 720 })
  if (want.has('png-thumbnail') && codecs.includes('png'))
    tasks.push({ id: 'thumbnail-png-320', kind: 'pipeline', codec: 'png', quality: 100, width: 320 })
  if (want.has('webp') && codecs.includes('webp'))
    tasks.push({ id: 'convert-webp', kind: 'pipeline', codec: 'webp', quality: 80 })
  if (want.has('avif') && codecs.includes('avif'))
    tasks.push({ id: 'convert-avif', kind: 'pipeline', codec: 'avif', quality: 50 })
  return tasks
}

export function parseList<T extends string>(value: string, allowed: readonly T[], what: string): T[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean)
  for (const item of items)
    if (!allowed.includes(item as T)) throw new RangeError(`Expected ${what} from ${allowed.join(', ')} but received '${item}'`)
  return items as T[]
}
