/** An HTML table whose headers sort it on click, with the few lines of script that do it. */

export interface TableColumn {
  title: string
  numeric?: boolean
}

/** A cell's text, and for numeric cells the value it sorts by (∞ sorts as Infinity, '' last). */
export interface TableCell {
  text: string
  sort?: number
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

export function sortableTable(columns: readonly TableColumn[], rows: readonly TableCell[][]): string {
  const head = columns
    .map((c) => `<th${c.numeric ? ' class="num"' : ''}><button type="button">${escapeHtml(c.title)}</button></th>`)
    .join('')
  const body = rows.map((cells) => `<tr>${cells.map((cell, i) => {
    const sort = cell.sort === undefined ? '' : ` data-sort="${cell.sort}"`
    return `<td${columns[i]?.numeric ? ' class="num"' : ''}${sort}>${escapeHtml(cell.text)}</td>`
  }).join('')}</tr>`).join('\n')
  return `<table data-sortable><thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`
}

/**
 * Sorts a table by a header's column: numbers by value (`data-sort`), text by locale, empty cells
 * last either way; a second click reverses. Headers are buttons, so the keyboard sorts too, and
 * `aria-sort` tells a screen reader (and the tests) which column and which way.
 */
export const SORT_SCRIPT = `for (const table of document.querySelectorAll('table[data-sortable]')) {
  const heads = [...table.tHead.rows[0].cells]
  heads.forEach((th, column) => th.querySelector('button').addEventListener('click', () => {
    const direction = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1
    for (const h of heads) h.removeAttribute('aria-sort')
    th.setAttribute('aria-sort', direction > 0 ? 'ascending' : 'descending')
    const key = (row) => { const cell = row.cells[column]; return cell.dataset.sort ?? cell.textContent }
    const compare = (a, b) => {
      if (a === '' || b === '') return (a === '') - (b === '')
      const x = Number(a), y = Number(b)
      const order = Number.isNaN(x) || Number.isNaN(y) ? a.localeCompare(b) : x === y ? 0 : x < y ? -1 : 1
      return order * direction
    }
    const body = table.tBodies[0]
    body.append(...[...body.rows].sort((a, b) => compare(key(a), key(b))))
  }))
}`
