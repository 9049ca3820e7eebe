/**
 * What the server writes to its log about an unexpected error, made safe: an error's message can
 * carry text a client sent (a URL, a header, a key), so control characters (newlines that would
 * forge log lines, ANSI escapes that would repaint a terminal) are shown as `\uXXXX` escapes and
 * the text is cut at 4 KiB.
 */
const MAX_LOG_CHARS = 4096

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

function escape(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** One entry: an error's message on one line (escaped), then its stack frames (our code's, kept). */
export function logText(value: unknown): string {
  let text: string
  if (value instanceof Error) {
    const head = `${value.name}: ${value.message}`
    const stack = value.stack ?? ''
    const frames = stack.startsWith(head) ? stack.slice(head.length) : ''
    text = escape(head) + frames.split('\n').map(escape).join('\n')
    if (value.cause !== undefined) text += `\n  caused by ${logText(value.cause)}`
  } else {
    text = escape(String(value))
  }
  return text.length > MAX_LOG_CHARS ? `${text.slice(0, MAX_LOG_CHARS)}… (${text.length - MAX_LOG_CHARS} more characters)` : text
}
