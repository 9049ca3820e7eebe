import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { initNode } from '../../packages/codecs/src/node.js'
import { DEFAULT_RESAMPLE_GAP } from '../../packages/engine/src/ops-pixels.js'
import { thumbnailPsnr } from './thumbnail-psnr.js'

const PHOTO = fileURLToPath(new URL('../../../shared/corpus/bench/sharp-2569067123_aca715a2ee_o.jpg', import.meta.url))
const hasCorpus = existsSync(PHOTO)
if (!hasCorpus) console.warn(`[thumbnail PSNR] SKIPPED: corpus photo missing at ${PHOTO}`)

describe.skipIf(!hasCorpus)('the thumbnail task against sharp (issue 13: libvips-grade quality)', () => {
  it('the engine default is within 40 dB of sharp, with and without shrink-on-load [measured 50.7 and 40.5 dB]', async () => {
    await initNode()
    const rows = await thumbnailPsnr(new Uint8Array(readFileSync(PHOTO)), [DEFAULT_RESAMPLE_GAP])
    for (const row of rows) expect(row.db, `shrink-on-load ${row.shrinkOnLoad}`).toBeGreaterThanOrEqual(40)
  })
})
