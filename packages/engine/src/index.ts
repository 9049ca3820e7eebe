/**
 * OSS/OBS image-processing semantics: plan and run process strings on images, in any runtime.
 * @module
 */
export {}
