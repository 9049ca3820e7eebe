/**
 * The imgproc command line: process, batch, explain, info, serve, bench.
 * @module
 */
export {}
