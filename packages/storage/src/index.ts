/**
 * StorageAdapter interface with memory, crash-safe filesystem and S3-compatible adapters, and a conformance suite.
 * @module
 */
export {}
