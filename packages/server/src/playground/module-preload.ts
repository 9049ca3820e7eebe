/**
 * The files `app.js` imports statically (the chunks esbuild's splitting shares between the page
 * and the engine), so the page can name them in `<link rel="modulepreload">`: the browser then
 * fetches them beside app.js instead of after it (one round trip less before the page runs).
 * Dynamic imports (`import("./chunk-x.js")`, the engine) are left out on purpose: they are loaded
 * later, when the page asks for them.
 */
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["']\.\/([\w-]+\.js)["']/g

export function staticImports(script: string): string[] {
  return [...new Set([...script.matchAll(STATIC_IMPORT)].map((match) => match[1]!))]
}
