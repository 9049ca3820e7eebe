/**
 * The exit codes of `imgproc`, documented in `imgproc --help` and the README. The phase decides
 * the code, not the error's OSS code: a `BadRequest` about the command line is a usage error (2),
 * the same code from a corrupt image is a processing failure (1).
 */
export const EXIT = {
  /** everything asked for was done */
  ok: 0,
  /** an image could not be read, decoded, processed or written (batch: at least one file failed) */
  failed: 1,
  /** the command line or the process string is wrong; nothing was read or written */
  usage: 2,
  /** a feature is not available in this build (NotImplemented) */
  notImplemented: 3,
  /** stopped by SIGINT/SIGTERM; partial outputs were removed */
  interrupted: 130,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

export const EXIT_CODES_HELP = `Exit codes:
  0    done
  1    an image could not be read, decoded, processed or written (batch: any file failed)
  2    bad command line or invalid process string (nothing was read or written)
  3    not available in this build (NotImplemented)
  130  interrupted (partial outputs removed)`
