/**
 * The URL of the demo image as the server processes it (`GET demo.jpg?x-oss-process=...`), written
 * by the page for its preload and by the script for its fetch: the same text both times, so the
 * browser hands the script the preloaded answer instead of asking again.
 */
export function demoResultUrl(process: string, dialect: 'oss' | 'obs'): string {
  return `/-/playground/demo.jpg?${dialect === 'obs' ? 'x-image-process' : 'x-oss-process'}=${encodeURIComponent(process)}`
}
