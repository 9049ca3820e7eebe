/** An RGBA colour, 0-255 per channel (straight, not premultiplied, alpha). */
export interface Rgba {
  readonly r: number
  readonly g: number
  readonly b: number
  readonly a: number
}

export const TRANSPARENT: Rgba = { r: 0, g: 0, b: 0, a: 0 }
export const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 255 }
export const OPAQUE_WHITE: Rgba = WHITE
export const TRANSPARENT_BLACK: Rgba = TRANSPARENT
