/**
 * A fetch handler speaking the OSS and OBS object and image-processing HTTP API.
 * @module
 */
export {}
