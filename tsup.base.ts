import type { Options } from 'tsup'

/**
 * The one build shape of every package: ESM + .d.ts from its src entries, against the build
 * tsconfig (package sources only). `node` adds Node's types for packages with a Node subpath.
 */
export function packageBuild(entry: Options['entry'], options: { node?: boolean } & Options = {}): Options {
  const { node, ...rest } = options
  return {
    entry,
    format: ['esm'],
    dts: { compilerOptions: { composite: false, ...(node ? { types: ['node'] } : {}) } },
    tsconfig: '../../tsconfig.build.json',
    clean: true,
    sourcemap: true,
    target: 'es2022',
    ...rest,
  }
}
