import { describe, expect, it } from 'vitest'
import { dynamicImports, modulePreloads, staticImports } from './module-preload.js'

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

describe('dynamicImports', () => {
  it('finds import("./chunk.js") calls only', () => {
    expect(dynamicImports('import"./a.js";var e=()=>import("./chunk-E.js"),f=()=>import( "./chunk-E.js" );import("pkg");import("../x.js")')).toEqual(['chunk-E.js'])
  })
})

describe('modulePreloads', () => {
  it("names app.js's static chunks, the engine it imports dynamically and the engine's static chunks, not the engine's dynamic ones", async () => {
    const files: Record<string, string> = {
      'chunk-G.js': 'export const parse=1;',
      'chunk-E.js': 'import{parse}from"./chunk-G.js";import"./chunk-O.js";const glue=()=>import("./chunk-GLUE.js");',
      'chunk-O.js': 'import"./chunk-E.js";export const ops=1;',
      'chunk-GLUE.js': 'import"./chunk-DEEP.js";',
    }
    const app = 'import{parse}from"./chunk-G.js";const engine=()=>import("./chunk-E.js");'
    const read = async (name: string) => files[name] ?? null
    expect(await modulePreloads(app, read)).toEqual(['chunk-G.js', 'chunk-E.js', 'chunk-O.js'])
  })

  it('names a chunk it cannot read without following it', async () => {
    expect(await modulePreloads('import"./chunk-MISSING.js";', async () => null)).toEqual(['chunk-MISSING.js'])
  })
})
