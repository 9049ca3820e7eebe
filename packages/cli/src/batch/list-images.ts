import { readdir } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'

/** File name endings batch treats as images (the decoder still sniffs the bytes). */
export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'gif', 'bmp', 'tif', 'tiff', 'avif', 'heic', 'heif'] as const

const IMAGE = new RegExp(`\\.(${IMAGE_EXTENSIONS.join('|')})$`, 'i')

export interface Listing {
  /** image paths relative to the folder, `/`-separated, sorted */
  images: string[]
  /** other files, not touched */
  skipped: number
}

/**
 * Every image under `dir`, recursively, in a stable order. Hidden files and folders (`.x`) are
 * left out (they hold temp files and tool state), and so is `exclude` (the output folder, when it
 * lies inside the input folder, so a second run does not process its own outputs).
 */
export async function listImages(dir: string, exclude?: string): Promise<Listing> {
  const root = resolve(dir)
  const skip = exclude ? resolve(exclude) : undefined
  const images: string[] = []
  let skipped = 0
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true })
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const path = join(folder, entry.name)
      if (entry.isDirectory()) {
        if (path !== skip) await walk(path)
      } else if (entry.isFile()) {
        if (IMAGE.test(entry.name)) images.push(relative(root, path).split(sep).join('/'))
        else skipped++
      }
    }
  }
  await walk(root)
  images.sort()
  return { images, skipped }
}

const EXTENSION_OF: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'image/tiff': 'tiff',
  'image/avif': 'avif',
  'image/heic': 'heic',
  'application/json': 'json',
}

/**
 * Where one result goes: the same relative path under the output folder, with the extension of
 * what was actually written (`a/b.png` converted to WebP -> `a/b.webp`; info JSON -> `a/b.json`).
 * An unchanged format keeps the source's own spelling (`.jpeg` stays `.jpeg`).
 */
export function outputPath(outDir: string, image: string, contentType: string): string {
  const ext = EXTENSION_OF[contentType.split(';')[0]!.trim().toLowerCase()]
  const current = /\.([^./]+)$/.exec(image)?.[1]?.toLowerCase()
  const same = ext === current || (ext === 'jpg' && current === 'jpeg') || (ext === 'tiff' && current === 'tif') || (ext === 'heic' && current === 'heif')
  const name = !ext || same ? image : image.replace(/\.[^./]+$/, `.${ext}`)
  return join(outDir, ...name.split('/'))
}
