/**
 * The files the page can name in `<link rel="modulepreload">`, so the browser fetches and compiles
 * them beside app.js instead of one round trip (and one parse) after another: the chunks app.js
 * imports statically (esbuild's splitting shares them between the page and the engine), and the
 * engine, the chunk app.js imports dynamically, with everything it imports statically. Preloading
 * only fetches and compiles (off the main thread where the browser can); the engine is still
 * evaluated when the page asks for it, after the server's request has gone out. The codecs' glue,
 * which the engine imports dynamically for the formats it meets, is left to load on use.
 */
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["']\.\/([\w-]+\.js)["']/g
const DYNAMIC_IMPORT = /\bimport\(\s*["']\.\/([\w-]+\.js)["']\s*\)/g

const unique = (script: string, pattern: RegExp) => [...new Set([...script.matchAll(pattern)].map((match) => match[1]!))]

export function staticImports(script: string): string[] {
  return unique(script, STATIC_IMPORT)
}

export function dynamicImports(script: string): string[] {
  return unique(script, DYNAMIC_IMPORT)
}

/** `read`: a bundled script's text by file name (null when missing: it is then named but not followed). */
export async function modulePreloads(app: string, read: (name: string) => Promise<string | null>): Promise<string[]> {
  const found = new Set<string>()
  const follow = async (name: string): Promise<void> => {
    if (found.has(name)) return
    found.add(name)
    const script = await read(name)
    if (script !== null) for (const next of staticImports(script)) await follow(next)
  }
  for (const name of [...staticImports(app), ...dynamicImports(app)]) await follow(name)
  return [...found]
}
