/**
 * A request's abort signal: it aborts when the client goes away, the deadline passes or the server
 * stops, whichever comes first, with that one's reason (the deadline's is a `TimeoutError`
 * DOMException, as `AbortSignal.timeout` gives). It is what `AbortSignal.any([client,
 * AbortSignal.timeout(left), stopping])` gives, built from one AbortController, one timer and two
 * listeners: that composite (weak references, a finalisation registry, a timer signal) was about
 * 5% of a PutObject's time in the server's profile. `release()`, at the end of the request, clears
 * the timer and takes the listener off the long-lived `stopping` signal.
 *
 * The server's `stopping` signal outlives every request, so it carries ONE listener, which tells
 * the requests in flight (a Set per signal): a listener per request on it was 11+ listeners at 16
 * connections (Node's MaxListenersExceededWarning, a false leak report) and an O(n) removal each.
 */

export interface RequestSignal {
  readonly signal: AbortSignal
  /** the deadline passed while the signal was in use */
  timedOut(): boolean
  release(): void
}

/** The reason `AbortSignal.timeout` aborts with. */
const timeoutReason = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError')

/** The requests in flight on each long-lived signal, told by its one listener. */
const inFlight = new WeakMap<AbortSignal, Set<() => void>>()

/** Calls `onAbort` when `signal` aborts, until the returned function is called. */
function whenAborted(signal: AbortSignal, onAbort: () => void): () => void {
  let listeners = inFlight.get(signal)
  if (!listeners) {
    const set = new Set<() => void>()
    listeners = set
    inFlight.set(signal, set)
    signal.addEventListener('abort', () => {
      for (const listener of [...set]) listener()
      set.clear()
    }, { once: true })
  }
  listeners.add(onAbort)
  const set = listeners
  return () => void set.delete(onAbort)
}

export function createRequestSignal(client: AbortSignal, stopping: AbortSignal, leftMs: number): RequestSignal {
  const controller = new AbortController()
  let timedOut = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let offStopping: (() => void) | undefined
  const release = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    client.removeEventListener('abort', onClient)
    offStopping?.()
    offStopping = undefined
  }
  // each source releases the others as it aborts (rather than a listener on the composite signal:
  // one EventTarget listener fewer a request)
  const abort = (reason: unknown) => {
    release()
    controller.abort(reason)
  }
  const onClient = () => abort(client.reason)
  // the order AbortSignal.any reads its sources in: the client, the deadline, the server
  if (client.aborted) controller.abort(client.reason)
  else if (leftMs <= 0) {
    timedOut = true
    controller.abort(new DOMException('The deadline has passed.', 'TimeoutError'))
  } else if (stopping.aborted) controller.abort(stopping.reason)
  else {
    client.addEventListener('abort', onClient, { once: true })
    offStopping = whenAborted(stopping, () => abort(stopping.reason))
    timer = setTimeout(() => {
      timedOut = true
      abort(timeoutReason())
    }, leftMs)
    // like AbortSignal.timeout's timer, this one keeps no process alive (Node, Bun)
    ;(timer as { unref?: () => void }).unref?.()
  }
  return { signal: controller.signal, timedOut: () => timedOut, release }
}
