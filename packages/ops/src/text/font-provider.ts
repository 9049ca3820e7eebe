/**
 * Where font bytes come from: a name in, TrueType/OpenType bytes out (or null when unknown).
 * Core code never touches a file system; a runtime supplies the provider (Node: node-font-provider.ts).
 */
export interface FontProvider {
  load(name: string): Promise<Uint8Array | null>
}

/** A provider over fonts already in memory (tests, Workers with bundled fonts, browsers). */
export function createMemoryFontProvider(fonts: Readonly<Record<string, Uint8Array>>): FontProvider {
  return { load: async (name) => fonts[name] ?? null }
}
