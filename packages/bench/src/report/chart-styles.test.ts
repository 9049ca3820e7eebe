import { describe, expect, it } from 'vitest'
import { ALL_CONTENDERS } from '../contenders/index.js'
import { chartStyles, CONTENDER_COLOURS, seriesStyle } from './chart-styles.js'

describe('chartStyles', () => {
  it('gives every contender x codec series a distinct colour/shape pair', () => {
    const codecs = ['decode', 'jpeg', 'webp', 'avif', 'png']
    const styles = chartStyles(ALL_CONTENDERS, codecs)
    const pairs = ALL_CONTENDERS.flatMap((c) => codecs.map((k) => JSON.stringify(seriesStyle(styles, c, k))))
    expect(pairs).toHaveLength(30)
    expect(new Set(pairs).size).toBe(30)
    expect(new Set(styles.colour.range).size).toBe(ALL_CONTENDERS.length)
    expect(new Set(styles.symbol.range).size).toBe(codecs.length)
  })

  it('keeps a codec on the same shape from report to report, and gives others spare shapes', () => {
    expect(chartStyles(['a'], ['png', 'jpeg']).symbol.range).toEqual(['diamond', 'circle'])
    expect(chartStyles(['a'], ['gif', 'jxl']).symbol.range).toEqual(['cross', 'wye'])
    expect(() => chartStyles(['a'], ['gif', 'jxl', 'bmp'])).toThrow(RangeError)
  })

  it('has distinct colours for far more contenders than the registry, and refuses more', () => {
    expect(new Set(CONTENDER_COLOURS.map((c) => c.toLowerCase())).size).toBe(CONTENDER_COLOURS.length)
    expect(() => chartStyles(CONTENDER_COLOURS.map((_, i) => `c${i}`).concat('one more'), ['jpeg'])).toThrow(RangeError)
  })
})
