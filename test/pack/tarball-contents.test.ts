import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { bareImports, tarballProblems } from './tarball-contents.js'

describe('bareImports', () => {
  it('finds static, dynamic, re-exported, side-effect and required bare specifiers, not relative ones', () => {
    const code = [
      'import { a } from "x";',
      'import "side";',
      "export * from '@s/y/sub';",
      'import {',
      '  b',
      '} from "multi";',
      'const b = await import("z"); require(\'fs\')',
      "import c from './local.js'; import('../up.js')",
      'const text = `copy from "not-an-import"`; Buffer.from("auto")',
    ].join('\n')
    expect(bareImports(code).sort()).toEqual(['@s/y/sub', 'fs', 'multi', 'side', 'x', 'z'])
  })
})

describe('tarballProblems', () => {
  const dirs: string[] = []
  afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))))

  async function installed(manifest: Record<string, unknown>, files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'imgproc-tarball-'))
    dirs.push(dir)
    await writeFile(join(dir, 'package.json'), JSON.stringify(manifest))
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true })
      await writeFile(join(dir, path), text)
    }
    return dir
  }

  it('accepts a complete package (files it only serves, and source-checkout paths, are not its modules)', async () => {
    const dir = await installed(
      { name: '@x/ok', exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' }, './*.wasm': './dist/*.wasm' }, bin: { ok: './dist/main.js' }, dependencies: { dep: '1.0.0' } },
      {
        'dist/index.js': `import 'dep'\nimport 'node:fs'\nimport { x } from './chunk.js'\nconst u = new URL('./a.wasm', import.meta.url)\nconst dev = new URL('./src.ts', import.meta.url)`,
        'dist/chunk.js': `import 'path'\nexport const x = new URL('../../../outside.json', import.meta.url)`,
        'dist/served/app.js': `import 'undeclared'\nnew URL('./not-here.wasm', import.meta.url)`,
        'dist/index.d.ts': '',
        'dist/main.js': '#!/usr/bin/env node\n',
        'dist/a.wasm': '',
      },
    )
    expect(tarballProblems(dir)).toEqual([])
  })

  it('names each kind of gap', async () => {
    const dir = await installed(
      { name: '@x/bad', exports: { '.': './dist/index.js', './gone': './dist/gone.js', './*.ttf': './dist/*.ttf' }, bin: './dist/main.js', dependencies: { '@x/other': 'workspace:*' } },
      { 'dist/index.js': `import './chunk.js'\nfetch(new URL('./missing.wasm', import.meta.url))`, 'dist/chunk.js': `import esbuild from 'esbuild'`, 'dist/main.js': 'console.log(1)' },
    )
    const problems = tarballProblems(dir).join('\n')
    const expected = [
      'dependencies @x/other is still workspace:*',
      'exports names ./dist/gone.js',
      'exports names ./dist/*.ttf',
      'has no #!/usr/bin/env node line',
      'dist/chunk.js imports esbuild, which is not a dependency',
      'loads ./missing.wasm beside itself',
    ]
    for (const text of expected) expect(problems).toContain(text)
  })
})
