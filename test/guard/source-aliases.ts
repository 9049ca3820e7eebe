/**
 * Maps each package's exports (`@imgproc/x`, `@imgproc/x/sub`) to its source file: the export's
 * `dist/<path>.js` becomes `src/<path>.ts`. Where an export has a "node" condition (codecs: the
 * entry that reads its .wasm files from disk), that is the file taken, as Node itself would, so
 * tests and typecheck run what an installed package runs in Node. Vitest aliases and the root
 * tsconfig `paths` must both follow this rule; test/guard/exports-match-paths.test.ts checks that they do.
 */
export interface PackageManifest {
  dir: string
  manifest: { name: string; exports?: Record<string, string | { node?: string; import?: string }> }
}

export interface SourceAlias {
  specifier: string
  /** absolute path when `dir` is absolute */
  source: string
}

export function sourceAliases(packages: readonly PackageManifest[]): SourceAlias[] {
  return packages.flatMap(({ dir, manifest }) =>
    Object.entries(manifest.exports ?? {})
      // pattern exports (codecs' `./*.wasm`) hand out built data files, not modules with a source
      .filter(([subpath]) => !subpath.includes('*'))
      .map(([subpath, target]) => {
        const file = typeof target === 'string' ? target : target.node ?? target.import ?? ''
        const source = file.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')
        return { specifier: manifest.name + subpath.slice(1), source: `${dir}/${source}` }
      }),
  )
}
