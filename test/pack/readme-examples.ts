/**
 * The README's runnable examples, taken from the README itself so what CI runs is what readers
 * copy: each is the first fenced code block after an `<!-- example:<name> -->` marker.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const README = fileURLToPath(new URL('../../README.md', import.meta.url))

/** The examples the pack test runs, by marker name. */
export const EXAMPLES = ['node', 'deno', 'browser'] as const
export type ExampleName = (typeof EXAMPLES)[number]

/** The code of `<!-- example:<name> -->`'s block in `markdown`; throws when the marker or block is missing. */
export function readmeExample(name: ExampleName, markdown: string = readFileSync(README, 'utf8')): string {
  const marker = `<!-- example:${name} -->`
  const at = markdown.indexOf(marker)
  if (at < 0) throw new Error(`README.md has no ${marker} marker`)
  const block = /```[a-z]*\n([\s\S]*?)\n```/.exec(markdown.slice(at + marker.length))
  if (!block) throw new Error(`README.md has no code block after ${marker}`)
  return `${block[1]}\n`
}
