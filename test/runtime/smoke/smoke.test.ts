import { beforeAll, describe, expect, it } from 'vitest'
import { runSmoke, type SmokeReport } from './smoke.js'

// The smoke suite checked on its own in Node, so the matrix compares against a reference that is
// itself right (not merely equal everywhere).
describe('runSmoke in Node', () => {
  let report: SmokeReport
  beforeAll(async () => {
    report = await runSmoke({ runtime: 'node' })
  })

  it('parses the pipeline into its five actions', () => {
    expect(report.parts['grammar.parse']).toMatchObject({
      ok: true,
      value: { actions: ['auto-orient', 'resize', 'rotate', 'watermark', 'format'] },
    })
  })

  it('refuses the bad string with a caret under w_0', () => {
    const result = report.parts['grammar.error']
    expect(result).toMatchObject({ ok: true, value: { code: 'InvalidArgument' } })
    const caret = (result as { value: { caret: string } }).value.caret
    expect(caret.split('\n')).toEqual(['image/resize,w_0', `${' '.repeat(13)}^^^`])
  })
})
