/**
 * Input caps, per dialect. OBS publishes its numbers (spec §9.1: 512 characters, 20 commands). OSS
 * publishes that a length limit exists but not its value (§1.2, EC-0017-00000288); we chose 4096
 * characters (a conservative URL-query size) and 50 actions (room for several watermarks per image).
 */
import type { Dialect } from './ast.js'

export interface Limits {
  maxLength: number
  maxActions: number
}

export const DEFAULT_LIMITS: Readonly<Record<Dialect, Readonly<Limits>>> = {
  oss: { maxLength: 4096, maxActions: 50 },
  obs: { maxLength: 512, maxActions: 20 },
}

/** The query parameter each dialect reads the process string from (used in limit messages). */
export const QUERY_KEY: Readonly<Record<Dialect, string>> = { oss: 'x-oss-process', obs: 'x-image-process' }
