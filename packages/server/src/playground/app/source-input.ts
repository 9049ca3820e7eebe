/**
 * Where the image comes from: the demo button, the file input, a file dropped anywhere on the
 * page, or an image pasted (Ctrl+V). Each hands the bytes, name and type to `use`.
 */
/** `demo`: the server's demo image (a shared link can name it), not the user's own */
export type UseSource = (bytes: Uint8Array, name: string, type: string, demo: boolean) => void

async function useFile(file: File | undefined | null, use: UseSource): Promise<void> {
  if (file) use(new Uint8Array(await file.arrayBuffer()), file.name || 'pasted image', file.type, false)
}

export function listenForSources(use: UseSource): { loadDemo(): Promise<void> } {
  const upload = document.getElementById('upload') as HTMLInputElement
  upload.addEventListener('change', () => void useFile(upload.files?.[0], use))
  const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') === true
  document.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return
    event.preventDefault()
    document.body.classList.add('dragging')
  })
  document.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) document.body.classList.remove('dragging')
  })
  document.addEventListener('drop', (event) => {
    document.body.classList.remove('dragging')
    if (!hasFiles(event)) return
    event.preventDefault()
    void useFile(event.dataTransfer?.files[0], use)
  })
  document.addEventListener('paste', (event) => {
    const file = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'))
    if (!file) return
    event.preventDefault()
    void useFile(file, use)
  })
  const loadDemo = async () => {
    const response = await fetch('/-/playground/demo.jpg')
    use(new Uint8Array(await response.arrayBuffer()), 'demo.jpg', 'image/jpeg', true)
  }
  document.getElementById('demo')?.addEventListener('click', () => void loadDemo())
  return { loadDemo }
}
