import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { chartStyles } from './chart-styles.js'
import { chartDocument, chartLegend, facetGrid } from './plot-dom.js'

describe('plot-dom', () => {
  it('lays facets out as figures named by their key, escaped', () => {
    const { document } = parseHTML(`<body>${facetGrid('time', [{ key: 'a"b', title: '<t>', svg: '<svg></svg>' }])}</body>`)
    const facet = document.querySelector('[data-chart=time] figure.facet')!
    expect(facet.getAttribute('data-facet')).toBe('a"b')
    expect(facet.querySelector('figcaption')!.textContent).toBe('<t>')
  })

  it('draws one legend with a swatch per contender and a filled symbol per codec', () => {
    const styles = chartStyles(['imgproc', 'sharp'], ['jpeg', 'webp', 'decode'])
    const { document } = parseHTML(`<body>${chartLegend(styles, chartDocument())}</body>`)
    const text = document.querySelector('.legend')!.textContent!
    for (const name of ['imgproc', 'sharp', 'jpeg', 'webp', 'decode']) expect(text).toContain(name)
    const swatches = [...document.querySelectorAll('.legend svg')]
    expect(swatches).toHaveLength(5)
    expect(swatches.slice(0, 2).map((s) => s.getAttribute('fill'))).toEqual(styles.colour.range)
    expect(swatches.slice(2).every((s) => s.getAttribute('fill') === '#555')).toBe(true)
  })
})
