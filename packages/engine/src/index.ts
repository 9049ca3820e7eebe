/**
 * OSS/OBS image-processing semantics: plan and run process strings on images, in any runtime.
 * @module
 */
export { createEngine, type Engine, type EngineOptions, type ProcessOptions } from './engine.js'
export type { Plan, PlanKind, SaveTarget } from './plan.js'
export type { ProcessResult, ImageResult, JsonResult } from './run.js'
export type { Step, ActionPlanner } from './step.js'
export type { OutputSettings } from './output-settings.js'
export type { PixelOps, Rgba, TextSpec } from './pixels.js'
export type { FontInput, FontSource } from './text-fonts.js'
export { defaultLimits, type Limits } from './limits.js'
export { explain } from './explain.js'
export { estimatePeakBytes } from './memory-estimate.js'
export { averageHue, averageHueJson } from './average-hue.js'
export { opsPixels } from './ops-pixels.js'
export type { Dialect } from './types.js'
