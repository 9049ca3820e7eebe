/**
 * Anti-aliased scanline fill of polygon outlines by signed-area coverage accumulation (the
 * font-rs / stb_truetype v2 method): every edge adds, per pixel it crosses, the exact area it
 * sweeps to its right, signed by direction; a running sum along each row is then the winding
 * number weighted by coverage, and min(1, |sum|) gives non-zero-winding coverage with
 * anti-aliasing. No per-pixel allocation, closure or call: one Float32Array for the canvas.
 */
export class CoverageCanvas {
  readonly width: number
  readonly height: number
  /** stride width + 2: an edge may write one cell past its last pixel */
  private readonly cells: Float32Array
  private readonly stride: number

  constructor(width: number, height: number) {
    this.width = width
    this.height = height
    this.stride = width + 2
    this.cells = new Float32Array(this.stride * height)
  }

  /** Adds the straight edge (x0, y0) -> (x1, y1); points are clamped horizontally to the canvas. */
  line(x0: number, y0: number, x1: number, y1: number): void {
    if (y0 === y1) return
    const w = this.width
    x0 = x0 < 0 ? 0 : x0 > w ? w : x0
    x1 = x1 < 0 ? 0 : x1 > w ? w : x1
    let dir = 1
    if (y0 > y1) {
      dir = -1
      let t = x0
      x0 = x1
      x1 = t
      t = y0
      y0 = y1
      y1 = t
    }
    const a = this.cells
    const stride = this.stride
    const dxdy = (x1 - x0) / (y1 - y0)
    let x = x0
    if (y0 < 0) x -= y0 * dxdy
    const yStart = Math.max(0, Math.floor(y0))
    const yEnd = Math.min(this.height, Math.ceil(y1))
    for (let y = yStart; y < yEnd; y++) {
      const row = y * stride
      const dy = Math.min(y + 1, y1) - Math.max(y, y0)
      const xNext = x + dxdy * dy
      const d = dy * dir
      const xa = x < xNext ? x : xNext
      const xb = x < xNext ? xNext : x
      const xaFloor = Math.floor(xa)
      const xaI = xaFloor
      const xbI = Math.ceil(xb)
      if (xbI <= xaI + 1) {
        // the edge stays inside one pixel column on this row
        const xm = 0.5 * (x + xNext) - xaFloor
        a[row + xaI]! += d - d * xm
        a[row + xaI + 1]! += d * xm
      } else {
        const s = 1 / (xb - xa)
        const xaF = xa - xaFloor
        const a0 = 0.5 * s * (1 - xaF) * (1 - xaF)
        const xbF = xb - xbI + 1
        const am = 0.5 * s * xbF * xbF
        a[row + xaI]! += d * a0
        if (xbI === xaI + 2) {
          a[row + xaI + 1]! += d * (1 - a0 - am)
        } else {
          const a1 = s * (1.5 - xaF)
          a[row + xaI + 1]! += d * (a1 - a0)
          for (let xi = xaI + 2; xi < xbI - 1; xi++) a[row + xi]! += d * s
          const a2 = a1 + (xbI - xaI - 3) * s
          a[row + xbI - 1]! += d * (1 - a2 - am)
        }
        a[row + xbI]! += d * am
      }
      x = xNext
    }
  }

  /** Quadratic Bezier, flattened into lines (segment count from its curvature). */
  quad(x0: number, y0: number, cx: number, cy: number, x1: number, y1: number): void {
    const dd = Math.hypot(x0 - 2 * cx + x1, y0 - 2 * cy + y1)
    const n = Math.min(64, 1 + Math.floor(Math.sqrt(dd * 4)))
    let px = x0
    let py = y0
    for (let i = 1; i <= n; i++) {
      const t = i / n
      const u = 1 - t
      const nx = u * u * x0 + 2 * u * t * cx + t * t * x1
      const ny = u * u * y0 + 2 * u * t * cy + t * t * y1
      this.line(px, py, nx, ny)
      px = nx
      py = ny
    }
  }

  /** Cubic Bezier, flattened into lines. */
  cubic(x0: number, y0: number, c1x: number, c1y: number, c2x: number, c2y: number, x1: number, y1: number): void {
    const dd = Math.max(Math.hypot(x0 - 2 * c1x + c2x, y0 - 2 * c1y + c2y), Math.hypot(c1x - 2 * c2x + x1, c1y - 2 * c2y + y1))
    const n = Math.min(96, 1 + Math.floor(Math.sqrt(dd * 6)))
    let px = x0
    let py = y0
    for (let i = 1; i <= n; i++) {
      const t = i / n
      const u = 1 - t
      const nx = u * u * u * x0 + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * x1
      const ny = u * u * u * y0 + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * y1
      this.line(px, py, nx, ny)
      px = nx
      py = ny
    }
  }

  /** Coverage 0-255 per pixel (row-major, width x height), by the running sum along each row. */
  coverage(): Uint8ClampedArray {
    const { width, height, stride } = this
    const a = this.cells
    const out = new Uint8ClampedArray(width * height)
    for (let y = 0, o = 0; y < height; y++) {
      let acc = 0
      const row = y * stride
      for (let x = 0; x < width; x++, o++) {
        acc += a[row + x]!
        const c = acc < 0 ? -acc : acc
        out[o] = c >= 1 ? 255 : c * 255
      }
    }
    return out
  }
}
