import { describe, expect, it } from 'vitest'
import { BENCH_USAGE, benchCommand, parseBenchArgs } from './bench-command.js'
import type { Reference } from './run.js'

const contenders = ['imgproc', 'sharp', 'jimp']
const unusedReference = {} as Reference

describe('parseBenchArgs', () => {
  it('has defaults for everything', () => {
    const args = parseBenchArgs([], contenders)
    expect(args).toMatchObject({ images: [], contenders, iterations: 5, warmup: 1, help: false })
    expect(args.codecs).toEqual(['jpeg', 'webp', 'avif', 'png'])
  })

  it('reads lists, counts and the short mode', () => {
    const args = parseBenchArgs(['a.jpg', '--codecs', 'webp', '--tasks', 'encode', '--short', '--contenders', 'sharp', '--json', 'out.json'], contenders)
    expect(args).toMatchObject({ images: ['a.jpg'], codecs: ['webp'], groups: ['encode'], iterations: 1, contenders: ['sharp'], json: 'out.json' })
  })

  it('trims --short to one quality, no full-size conversions, one timed run and four contenders', () => {
    expect(parseBenchArgs([], contenders).qualities).toBeUndefined()
    const args = parseBenchArgs(['--short'], contenders)
    expect(args).toMatchObject({ qualities: [75], iterations: 1, warmup: 1, slowRunMs: 1000, contenders: ['imgproc', 'sharp'] })
    expect(parseBenchArgs([], contenders).slowRunMs).toBeUndefined()
    expect(args.groups).toEqual(['decode', 'encode', 'thumbnail', 'png-thumbnail'])
    expect(parseBenchArgs(['--short', '--iterations', '3', '--contenders', 'jimp', '--tasks', 'avif'], contenders))
      .toMatchObject({ iterations: 3, contenders: ['jimp'], groups: ['avif'] })
  })

  it('refuses unknown names and bad counts', () => {
    expect(() => parseBenchArgs(['--codecs', 'gif'], contenders)).toThrow(/codecs/)
    expect(() => parseBenchArgs(['--iterations', '-1'], contenders)).toThrow(/--iterations/)
    expect(() => parseBenchArgs(['--contenders', 'imagemagick'], contenders)).toThrow(/contenders/)
  })
})

describe('benchCommand', () => {
  const capture = () => {
    const out: string[] = []
    return { out, sink: { write: (t: string) => out.push(t) } }
  }

  it('prints usage for --help', async () => {
    const stdout = capture()
    const { code } = await benchCommand(['--help'], { stdout: stdout.sink, stderr: capture().sink }, unusedReference, contenders)
    expect(code).toBe(0)
    expect(stdout.out.join('')).toBe(`${BENCH_USAGE}\n`)
  })

  it('answers an image path that does not exist with exit code 2, before any work', async () => {
    const stderr = capture()
    const { code } = await benchCommand(['no/such.jpg'], { stdout: capture().sink, stderr: stderr.sink }, unusedReference, contenders)
    expect(code).toBe(2)
    expect(stderr.out.join('')).toBe('imgproc: InvalidArgument: No such image file: no/such.jpg\n')
  })

  it('answers a bad argument with exit code 2 and a one-line error', async () => {
    const stderr = capture()
    const { code } = await benchCommand(['--tasks', 'everything'], { stdout: capture().sink, stderr: stderr.sink }, unusedReference, contenders)
    expect(code).toBe(2)
    expect(stderr.out.join('')).toMatch(/^imgproc: InvalidArgument: Expected tasks from .* but received 'everything'\n$/)
  })
})
