/** What every load-shedding point shares: the server's worker count, the warm-ups, and the request. */

export const WORKERS = 2
/** every server is warmed at the sustainable load first, so the overload hits a warm server */
export const WARM_CONNECTIONS = 4
export const WARM_SECONDS = 5
/** open-loop and Retry-After streams: this long before their measured window (the queue fills, the first queued 200s come back) */
export const STREAM_WARM_SECONDS = 8

/** A thumbnail path no cache could answer: width 600-799, quality 70-90, drawn per request. */
export function thumbnailPath(): string {
  const w = 600 + Math.floor(Math.random() * 200)
  const q = 70 + Math.floor(Math.random() * 21)
  return `/bench/photo.jpg?x-oss-process=image/resize,w_${w}/quality,q_${q}`
}
