import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { escapeHtml, SORT_SCRIPT, sortableTable } from './sortable-table.js'

describe('sortableTable', () => {
  const html = sortableTable([{ title: 'name' }, { title: 'ms', numeric: true }], [
    [{ text: '<b>&' }, { text: '12', sort: 12.25 }],
    [{ text: 'b' }, { text: '' }],
  ])

  it('escapes text and carries each number\'s sort value, headers as buttons', () => {
    const { document } = parseHTML(`<body>${html}</body>`)
    expect(document.querySelector('table')!.hasAttribute('data-sortable')).toBe(true)
    expect([...document.querySelectorAll('th button')].map((b) => b.textContent)).toEqual(['name', 'ms'])
    const cells = [...document.querySelectorAll('tbody td')]
    expect(cells.map((td) => td.textContent)).toEqual(['<b>&', '12', 'b', ''])
    expect(cells.map((td) => td.getAttribute('data-sort'))).toEqual([null, '12.25', null, null])
    expect(cells[1]!.className).toBe('num')
  })

  it('has a script that parses as JavaScript and fetches nothing', () => {
    expect(() => new Function(SORT_SCRIPT)).not.toThrow()
    expect(SORT_SCRIPT).not.toMatch(/fetch|import|src/)
    expect(escapeHtml(`"'`)).toBe('&#34;&#39;')
  })
})
