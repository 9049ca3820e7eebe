/** The photo the server benchmarks serve thumbnails of (server-load and load-shedding). */
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const corpusPhoto = fileURLToPath(new URL('../../shared/corpus/jpeg/recurser-Landscape_1.jpg', import.meta.url))

/** The corpus's 1800x1200 landscape JPEG, or, without the corpus, a generated one written into `dir`. */
export async function sourceImage(dir: string): Promise<{ path: string; label: string }> {
  if (existsSync(corpusPhoto)) return { path: corpusPhoto, label: 'corpus jpeg/recurser-Landscape_1.jpg (1800x1200 JPEG)' }
  console.log('(corpus not found: using a generated 1800x1200 JPEG)')
  const { makeDemoImage } = await import('@imgproc/server')
  const path = join(dir, 'source.jpg')
  await writeFile(path, await makeDemoImage({ width: 1800, height: 1200 }))
  return { path, label: 'generated 1800x1200 JPEG (demo image, our encoder)' }
}

const benchPhotoPath = fileURLToPath(new URL('../../shared/corpus/bench/sharp-2569067123_aca715a2ee_o.jpg', import.meta.url))

/** The 2725x2225 photo of the engine and codec benchmarks (issue 14's thumbnail figures), or `sourceImage` without it. */
export async function benchPhoto(dir: string): Promise<{ path: string; label: string }> {
  if (existsSync(benchPhotoPath)) return { path: benchPhotoPath, label: 'corpus bench/sharp-2569067123_aca715a2ee_o.jpg (2725x2225 JPEG)' }
  return sourceImage(dir)
}
