import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { glueModule, LIBHEIF_JS_VERSION, NODE_APIS, withoutNodeBranch } from '../../native/libheif-glue/glue-module.js'

const require = createRequire(import.meta.url)

describe('libheif-glue.js (generated)', () => {
  it('is the installed libheif-js glue, transformed by native/libheif-glue (rebuild it after an upgrade)', () => {
    const installed = JSON.parse(readFileSync(require.resolve('libheif-js/package.json'), 'utf8')) as { version: string }
    // the .wasm is read from the installed package: glue and .wasm must be one release
    expect(installed.version).toBe(LIBHEIF_JS_VERSION)
    const glue = readFileSync(require.resolve('libheif-js/libheif-wasm/libheif.js'), 'utf8')
    expect(readFileSync(new URL('./libheif-glue.js', import.meta.url), 'utf8')).toBe(glueModule(glue))
  })

  it("has no Node branch: no require, process or Buffer left, and the module variables a UMD wrapper tests are undefined", () => {
    const text = readFileSync(new URL('./libheif-glue.js', import.meta.url), 'utf8')
    expect(text.split('\n')[1]).toMatch(/^var process = void 0, require = void 0, module = void 0, exports = void 0,/)
    expect(text.match(new RegExp(NODE_APIS, 'g'))).toBeNull()
    // the installed glue has them (so the check above can see them), in its Node branch only
    const glue = readFileSync(require.resolve('libheif-js/libheif-wasm/libheif.js'), 'utf8')
    expect(glue.match(/require\("(\w+)"\)/g)).toEqual(['require("fs")', 'require("path")', 'require("crypto")'])
    expect(() => withoutNodeBranch(glue.replace('typeof process.versions.node=="string"', 'true'))).toThrow(/expected one Node test, found 0/)
  })
})
