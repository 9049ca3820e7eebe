/**
 * Colour by contender, shape by codec: every series (a contender and a codec) gets its own
 * colour/shape pair as long as contenders have distinct colours and codecs distinct shapes.
 */

/**
 * Okabe-Ito (colour-blind safe), without its yellow (unreadable on white), then Observable's
 * categorical colours: 15 distinct hues, far more contenders than the registry has.
 */
export const CONTENDER_COLOURS = [
  '#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#000000',
  '#a463f2', '#9c6b4e', '#ff725c', '#3ca951', '#97bbf5', '#ff8ab7', '#9498a0', '#efb118',
]

/** Plot's filled symbols; the common codecs keep a fixed shape from report to report. */
const CODEC_SYMBOLS: Record<string, string> = { jpeg: 'circle', webp: 'square', avif: 'triangle', png: 'diamond', decode: 'star' }
const SPARE_SYMBOLS = ['cross', 'wye']

export interface ChartStyles {
  colour: { domain: string[]; range: string[] }
  symbol: { domain: string[]; range: string[] }
}

export function chartStyles(contenders: readonly string[], codecs: readonly string[]): ChartStyles {
  if (contenders.length > CONTENDER_COLOURS.length)
    throw new RangeError(`Expected at most ${CONTENDER_COLOURS.length} contenders in one chart but received ${contenders.length}`)
  const spare = [...SPARE_SYMBOLS]
  const symbols = codecs.map((codec) => {
    const symbol = CODEC_SYMBOLS[codec] ?? spare.shift()
    if (!symbol) throw new RangeError(`Expected at most ${SPARE_SYMBOLS.length} codecs beyond ${Object.keys(CODEC_SYMBOLS).join(', ')}`)
    return symbol
  })
  return {
    colour: { domain: [...contenders], range: CONTENDER_COLOURS.slice(0, contenders.length) },
    symbol: { domain: [...codecs], range: symbols },
  }
}

/** The colour and shape a series is drawn with. */
export function seriesStyle(styles: ChartStyles, contender: string, codec: string): { colour: string; symbol: string } {
  const colour = styles.colour.range[styles.colour.domain.indexOf(contender)]
  const symbol = styles.symbol.range[styles.symbol.domain.indexOf(codec)]
  if (!colour || !symbol) throw new RangeError(`Expected a style for ${contender} ${codec}`)
  return { colour, symbol }
}
