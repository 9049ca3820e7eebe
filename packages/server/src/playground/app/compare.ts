/**
 * The original beside the server's result: both drawn in one box, the result clipped by the
 * before/after slider (a range input, so arrow keys move it), a zoom that widens the box inside
 * its scrolling frame, the sizes and the saving in bytes, and a download of exactly the bytes the
 * server answered (no re-encoding: the Blob is the response body).
 */
import { formatBytes } from './render.js'

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif', 'image/bmp': 'bmp', 'image/tiff': 'tiff', 'image/avif': 'avif', 'image/heic': 'heic', 'application/json': 'json' }

export function extensionOf(type: string): string {
  return EXTENSIONS[type.split(';')[0]!.trim()] ?? 'bin'
}

/** Savings of `after` over `before` in words: `-63.2% (12.0 KiB -> 4.4 KiB)`. */
export function savingsText(before: number, after: number): string {
  const percent = before === 0 ? 0 : ((after - before) / before) * 100
  const sign = percent > 0 ? '+' : ''
  return `${formatBytes(before)} \u2192 ${formatBytes(after)}: ${sign}${percent.toFixed(1)}%`
}

export interface Compare {
  setOriginal(bytes: Uint8Array, type: string): void
  setResult(bytes: Uint8Array, type: string): void
  clearResult(): void
}

export function createCompare(): Compare {
  const before = $<HTMLImageElement>('before')
  const after = $<HTMLImageElement>('after')
  const inner = before.parentElement!
  const split = $<HTMLInputElement>('split')
  const zoom = $<HTMLInputElement>('zoom')
  const download = $<HTMLButtonElement>('download')
  const savings = $('savings')
  let original = 0
  let result: Blob | undefined

  const show = (img: HTMLImageElement, blob: Blob) => {
    if (img.src.startsWith('blob:')) URL.revokeObjectURL(img.src)
    img.src = URL.createObjectURL(blob)
  }
  const clip = () => {
    after.style.clipPath = `inset(0 0 0 ${split.value}%)`
    split.setAttribute('aria-valuetext', `${split.value}% original, ${100 - Number(split.value)}% result`)
  }
  split.addEventListener('input', clip)
  zoom.addEventListener('input', () => {
    inner.style.setProperty('--zoom', zoom.value)
    zoom.setAttribute('aria-valuetext', `${zoom.value}x`)
  })
  // the box takes the result's shape, so the original is letterboxed into it, never stretched
  after.addEventListener('load', () => {
    inner.style.setProperty('--aspect', String(after.naturalWidth / after.naturalHeight))
  })
  download.addEventListener('click', () => {
    if (!result) return
    const link = document.createElement('a')
    link.href = URL.createObjectURL(result)
    link.download = `result.${extensionOf(result.type)}`
    link.click()
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000)
  })
  clip()

  return {
    setOriginal(bytes, type) {
      original = bytes.byteLength
      show(before, new Blob([bytes as BlobPart], { type }))
    },
    setResult(bytes, type) {
      result = new Blob([bytes as BlobPart], { type })
      show(after, result)
      download.disabled = false
      savings.textContent = savingsText(original, bytes.byteLength)
    },
    clearResult() {
      result = undefined
      download.disabled = true
      savings.textContent = ''
    },
  }
}
