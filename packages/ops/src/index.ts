/**
 * Raw-pixel operations on RGBA8 typed arrays: resample, rotate, crop, blur, sharpen, masks, compositing, text.
 * @module
 */
export * from './core.js'
export * from './text/index.js'
