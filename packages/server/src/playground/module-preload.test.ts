import { describe, expect, it } from 'vitest'
import { staticImports } from './module-preload.js'

describe('staticImports', () => {
  it('finds the chunks an esbuild bundle imports statically, minified or not, once each', () => {
    const minified = 'import{a as o,b as r}from"./chunk-PZLXYT2O.js";import"./chunk-RZG7.js";export*from"./chunk-PZLXYT2O.js";var e=()=>import("./chunk-ENGINE.js");'
    expect(staticImports(minified)).toEqual(['chunk-PZLXYT2O.js', 'chunk-RZG7.js'])
    const plain = 'import {\n  parse\n} from "./chunk-A1.js";\nconst engine = import("./chunk-B2.js");\n'
    expect(staticImports(plain)).toEqual(['chunk-A1.js'])
  })

  it('ignores dynamic imports, other folders and bare packages', () => {
    expect(staticImports('await import("./chunk-x.js"); import "../up.js"; import x from "pkg"; import y from "./sub/z.js"')).toEqual([])
  })
})
