/**
 * Parser, validator and serializer for OSS (x-oss-process) and OBS (x-image-process) process strings.
 * @module
 */
export {}
