import { open, readFile, rename, rm, mkdir } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { concatBytes, ImgError } from '@imgproc/types'

/** The streams a command writes to; injected so tests can capture them. */
export interface Io {
  stdin: AsyncIterable<Uint8Array | string>
  stdout: {
    write(chunk: Uint8Array | string): unknown
    isTTY?: boolean
    columns?: number
    /** why image bytes must not go to this stream (something else already wrote to it), if so */
    refuseBytes?: string
  }
  stderr: { write(chunk: string): unknown; isTTY?: boolean; columns?: number }
}

/** Reads a whole file, or standard input for `-`. A missing file is NoSuchKey, as OSS names it. */
export async function readInput(path: string, io: Pick<Io, 'stdin'>): Promise<Uint8Array> {
  if (path === '-') {
    const chunks: Uint8Array[] = []
    for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk)
    return concatBytes(chunks)
  }
  try {
    return new Uint8Array(await readFile(path))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new ImgError('NoSuchKey', `No such file: ${path}`, { cause: error })
    if (code === 'EISDIR') throw new ImgError('BadRequest', `${path} is a folder, not an image file`, { cause: error })
    if (code === 'EACCES') throw new ImgError('AccessDenied', `Cannot read ${path}: permission denied`, { cause: error })
    throw error
  }
}

/** Temp files being written right now, removed on interrupt so no partial output is left behind. */
export const pendingTemps = new Set<string>()

/**
 * Writes a file atomically: the bytes go to a hidden temp file in the same folder (same file
 * system, so rename is atomic), are flushed, then renamed over the target. A reader never sees
 * half a file, and a failure or an interrupt leaves only the old file (or none).
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`)
  pendingTemps.add(temp)
  try {
    const handle = await open(temp, 'wx')
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  } finally {
    pendingTemps.delete(temp)
  }
}

/** Removes every temp file still being written (called from the SIGINT handler). */
export async function removePendingTemps(): Promise<void> {
  await Promise.all([...pendingTemps].map((temp) => rm(temp, { force: true })))
  pendingTemps.clear()
}

/** Writes to a file path, or to standard output for `-`. */
export async function writeOutput(path: string, bytes: Uint8Array, io: Pick<Io, 'stdout'>): Promise<void> {
  if (path === '-') {
    await new Promise<void>((resolve) => {
      const done = io.stdout.write(bytes)
      if (done === false && 'once' in io.stdout) (io.stdout as NodeJS.WriteStream).once('drain', () => resolve())
      else resolve()
    })
    return
  }
  await writeFileAtomic(path, bytes)
}
