/**
 * The font the smoke suite draws its text watermark with, registered under OSS's default font
 * name `wqy-zenhei` (the real WenQuanYi font is not shipped; any TrueType font exercises the
 * same path). Each runtime reads `font.ttf` from beside its bundle its own way, like the WASM;
 * an empty file means no font, and the text watermark then answers NotImplemented everywhere.
 */
import type { EngineOptions } from '@imgproc/engine'

export const SMOKE_FONT_FILE = 'font.ttf'
/** The bundled font file (@imgproc/fonts) the smoke text needs beyond the given font: Workers import it, the others read it beside the bundle. */
export const SMOKE_BUNDLED_FONT = 'noto-sans-sc-latin-400-normal.woff'
/** Debian's DejaVu Sans (fonts-dejavu-core, a dependency of chromium's fontconfig). */
export const SYSTEM_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'

export function fontOptions(bytes: Uint8Array | ArrayBuffer | null | undefined): EngineOptions {
  const font = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes
  return font && font.byteLength > 0 ? { fonts: { 'wqy-zenhei': font } } : {}
}
