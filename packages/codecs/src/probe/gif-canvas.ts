/**
 * Which canvas a GIF decodes to: its logical screen when that is plausible, otherwise the extent
 * of its frames. The GIF89a spec makes the screen the canvas and is silent on a screen far larger
 * than anything drawn on it; taking it at its word let a 62-byte file with a 15000x15000 screen and
 * one 1x1 frame cost 900 MB of canvas (issue 12). Probe and decode both use this rule, so the size
 * probe reports is the size decode returns.
 *
 * Precedent: libvips loads GIFs with NetSurf's libnsgif, which treats a screen of 0 or larger than
 * 2048 on a side as 1x1 and grows it to the frames ("Some broken GIFs report the size as the screen
 * size they were created in", netsurf-browser/libnsgif src/gif.c, nsgif_data_scan; vendored as
 * libvips/libvips libvips/foreign/libnsgif/gif.c). Two deliberate differences:
 * - libnsgif also distrusts six desktop sizes (640x480 ... 1600x1200). We do not: a GIF drawn on
 *   such a screen with smaller frames would change size, and ordinary GIFs must stay as they were.
 * - libnsgif grows the canvas for the first frame only (since 2022, nsgif__parse_image_descriptor;
 *   later frames are clipped) and grew it for every frame before. We take every frame, as it did
 *   then: omggif does not clip a frame to the canvas, so the canvas has to hold them all.
 */

/** The largest screen side taken at its word (libnsgif's threshold). */
export const MAX_TRUSTED_GIF_SCREEN_SIDE = 2048

export interface CanvasSize {
  width: number
  height: number
}

/** A screen of 0 or more than 2048 on either side is not believed. */
function trustsGifScreen(screen: CanvasSize): boolean {
  const { width, height } = screen
  return width > 0 && height > 0 && width <= MAX_TRUSTED_GIF_SCREEN_SIDE && height <= MAX_TRUSTED_GIF_SCREEN_SIDE
}

/**
 * The canvas for a screen and the frames' extent (largest left+width, top+height over every
 * frame): the screen if trusted, else the extent, at least 1x1 as libnsgif starts from.
 */
export function gifCanvas(screen: CanvasSize, extent: CanvasSize): CanvasSize {
  if (trustsGifScreen(screen)) return { width: screen.width, height: screen.height }
  return { width: Math.max(1, extent.width), height: Math.max(1, extent.height) }
}
