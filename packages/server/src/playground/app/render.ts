/** Fills one result pane: the image (or JSON), then its facts as a definition list. */
export interface PaneFacts {
  [label: string]: string
}

export function renderImage(pane: HTMLElement, bytes: Uint8Array, type: string, facts: PaneFacts): Promise<{ width: number; height: number }> {
  const view = pane.querySelector('.view')!
  const old = view.querySelector('img')
  if (old?.src.startsWith('blob:')) URL.revokeObjectURL(old.src)
  const img = document.createElement('img')
  img.alt = `${pane.id} result`
  const loaded = new Promise<{ width: number; height: number }>((resolve, reject) => {
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight })
    img.onerror = () => reject(new Error(`the browser cannot display ${type}`))
  })
  img.src = URL.createObjectURL(new Blob([bytes as BlobPart], { type }))
  view.replaceChildren(img)
  renderFacts(pane, facts)
  return loaded
}

export function renderJson(pane: HTMLElement, bytes: Uint8Array, facts: PaneFacts): void {
  const pre = document.createElement('pre')
  const text = new TextDecoder().decode(bytes)
  try {
    pre.textContent = JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    pre.textContent = text
  }
  pane.querySelector('.view')!.replaceChildren(pre)
  renderFacts(pane, facts)
}

export function renderFailure(pane: HTMLElement, message: string, facts: PaneFacts = {}): void {
  const div = document.createElement('div')
  div.className = 'failure'
  div.textContent = message
  pane.querySelector('.view')!.replaceChildren(div)
  renderFacts(pane, facts)
}

export function renderFacts(pane: HTMLElement, facts: PaneFacts): void {
  const dl = pane.querySelector('dl')!
  dl.replaceChildren()
  for (const [label, value] of Object.entries(facts)) {
    const dt = document.createElement('dt')
    dt.textContent = label
    const dd = document.createElement('dd')
    dd.textContent = value
    dd.dataset.fact = label
    dl.append(dt, dd)
  }
}

export function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KiB (${n} B)`
}
