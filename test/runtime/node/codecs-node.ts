/**
 * `@imgproc/codecs/node`, typed by hand: the root tsconfig has no `paths` entry for that subpath
 * yet (asked of the lead), so a static import would fail the typecheck. Vitest resolves it
 * through its alias either way. Replace with `import { initNode, nodeWasmPath } from
 * '@imgproc/codecs/node'` once the path is there.
 */
import type { WasmFile } from '@imgproc/codecs'

interface CodecsNode {
  initNode(): Promise<void>
  nodeWasmPath(file: WasmFile): string
}

const specifier = '@imgproc/codecs/node'

export const codecsNode: Promise<CodecsNode> = import(/* @vite-ignore */ specifier) as Promise<CodecsNode>
