/**
 * Text watermarks need font bytes: unless the caller chose fonts, the engine gets the system's
 * (Droid Sans Fallback for the seven OSS font names, DejaVu Sans as the Latin fallback). Used by
 * every worker thread and by the main thread's planner, so both measure text the same way.
 */
import { createNodeFontProvider } from '@imgproc/ops/node'

export function withSystemFonts(options: Record<string, unknown>): Record<string, unknown> {
  const engineOptions = (options.engineOptions ?? {}) as { fonts?: unknown }
  return engineOptions.fonts ? options : { ...options, engineOptions: { ...engineOptions, fonts: createNodeFontProvider() } }
}
