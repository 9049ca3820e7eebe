/**
 * The data-driven tables in fixtures/grammar: hand-written spec cases (parse.json, errors.json) and
 * the schema boundary table (boundaries.json). `UPDATE_FIXTURES=1` rewrites boundaries.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { ImgError } from '@imgproc/types'
import { describe, expect, it } from 'vitest'
import type { Dialect } from './ast.js'
import { boundaryCases, type Fixture, type FixtureError } from './boundaries.js'
import { parse } from './parse.js'
import { toPlain } from './plain.js'

const dir = new URL('../../../fixtures/grammar/', import.meta.url)
const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as T

interface ParseCase {
  note: string
  source: string
  dialect?: Dialect
  expect: unknown
}
interface ErrorCase extends Omit<FixtureError, 'dialect'> {
  note: string
  dialect?: Dialect
}

function caughtError(source: string, dialect: Dialect): ImgError {
  try {
    parse(source, { dialect })
  } catch (error) {
    if (error instanceof ImgError) return error
    throw error
  }
  throw new Error(`expected ${source} to fail`)
}

function caretOf(error: ImgError): string {
  return error.fragment().split('\n')[1] ?? ''
}

describe('fixtures/grammar/parse.json (string -> AST)', () => {
  const cases = read<ParseCase[]>('parse.json')
  it.each(cases.map((c) => [c.note, c] as const))('%s', (_note, c) => {
    const { dialect: _d, ...plain } = toPlain(parse(c.source, { dialect: c.dialect ?? 'oss' }))
    expect(plain).toEqual(c.expect)
  })
})

describe('fixtures/grammar/errors.json (string -> code + message + caret)', () => {
  const cases = read<ErrorCase[]>('errors.json')
  it.each(cases.map((c) => [c.note, c] as const))('%s', (_note, c) => {
    const error = caughtError(c.source, c.dialect ?? 'oss')
    expect({ code: error.code, message: error.message, caret: caretOf(error) }).toEqual({
      code: c.code,
      message: c.message,
      caret: c.caret,
    })
  })
})

describe('fixtures/grammar/boundaries.json (every parameter at min-1, min, max, max+1)', () => {
  const file = new URL('boundaries.json', dir)
  const built = boundaryCases()
  if (process.env.UPDATE_FIXTURES === '1' || !existsSync(file)) {
    writeFileSync(file, `[\n${built.map((c) => JSON.stringify(c)).join(',\n')}\n]\n`)
  }
  const cases = read<Fixture[]>('boundaries.json')

  it('is what the schema builds today (run with UPDATE_FIXTURES=1 after a schema change)', () => {
    expect(cases).toEqual(built)
  })

  it.each(cases.map((c) => [`${c.dialect} ${c.source}`, c] as const))('%s', (_name, c) => {
    if ('expect' in c) {
      const plain = toPlain(parse(c.source, { dialect: c.dialect }))
      expect(plain.chain).toEqual({ kind: 'image', actions: [c.expect] })
    } else {
      const error = caughtError(c.source, c.dialect)
      expect({ code: error.code, message: error.message, caret: caretOf(error) }).toEqual({
        code: c.code,
        message: c.message,
        caret: c.caret,
      })
    }
  })
})
