/**
 * fast-check arbitraries generated from the schema tables: valid process ASTs (plain form, no spans)
 * for every action, every parameter and both dialects. Exported as the subpath
 * `@imgproc/grammar/arbitrary`; fast-check is an optional peer dependency needed only by this file.
 */
import fc from 'fast-check'
import type { Dialect, Radius, WatermarkImage } from './ast.js'
import { actionTables, type ActionTable } from './context.js'
import { DEFAULT_LIMITS } from './limits.js'
import type { PlainAction, PlainProcess } from './plain.js'
import type { ParamSchema } from './schema/types.js'
import { serialize } from './serialize.js'
import { utf8Length } from './base64.js'
import { GRAVITY_OSS } from './values.js'

const HEX = '0123456789ABCDEF'
const KEY_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789._-/'.split('')
const BUCKET_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789-'.split('')

const objectKey = fc
  .array(fc.constantFrom(...KEY_CHARS), { minLength: 1, maxLength: 24 })
  .map((chars) => chars.join(''))
const bucketName = fc
  .array(fc.constantFrom(...BUCKET_CHARS), { minLength: 3, maxLength: 12 })
  .map((chars) => chars.join(''))

/** Watermark text: any Unicode graphemes, 1–64 UTF-8 bytes. */
const watermarkText = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
  .filter((s) => s.length > 0 && utf8Length(s) <= 64)

function radius(param: ParamSchema, dialect: Dialect): fc.Arbitrary<Radius> {
  const px = fc.integer({ min: param.min ?? 1, max: param.max ?? 4096 }).map((value): Radius => ({ value, unit: 'px' }))
  if (dialect !== 'obs') return px
  const percent = fc.integer({ min: 1, max: param.maxPercent ?? 50 }).map((value): Radius => ({ value, unit: 'percent' }))
  return fc.oneof(px, percent)
}

function image(dialect: Dialect, depth: number): fc.Arbitrary<WatermarkImage> {
  const nested = depth > 0 ? fc.constant(undefined) : fc.option(chain(dialect, true, 3, depth + 1), { nil: undefined })
  return fc.record({ object: objectKey, bucket: bucketName, process: nested }).map(({ object, bucket, process }) => {
    const out: WatermarkImage = { object }
    if (dialect === 'obs') out.bucket = bucket
    if (process) out.process = { dialect, chain: process } as WatermarkImage['process'] & object
    return out
  })
}

/** An arbitrary of valid values for one parameter (already resolved for the dialect). */
export function valueArbitrary(param: ParamSchema, dialect: Dialect, depth = 0): fc.Arbitrary<unknown> {
  switch (param.kind) {
    case 'int':
      return fc.integer({ min: param.min ?? 0, max: param.max ?? 0x7fffffff })
    case 'enum':
    case 'font':
      return fc.constantFrom(...param.values!)
    case 'color':
      return fc.array(fc.constantFrom(...HEX), { minLength: 6, maxLength: 6 }).map((c) => c.join(''))
    case 'gravity':
      return fc.constantFrom(...GRAVITY_OSS)
    case 'radius':
      return radius(param, dialect)
    case 'text':
      return watermarkText
    case 'image':
      return image(dialect, depth)
  }
}

function satisfiesRules(table: ActionTable, params: Record<string, unknown>): boolean {
  if (table.requireAny.length > 0 && !table.requireAny.some((k) => k in params)) return false
  const rules = table.schema.rules
  for (const group of rules?.together ?? []) {
    const n = group.filter((k) => k in params).length
    if (n > 0 && n < group.length) return false
  }
  for (const [key, others] of rules?.exclusive ?? []) {
    if (key in params && others.some((k) => k in params)) return false
  }
  return true
}

/** Valid `{ name, params }` for one action in its table's context. */
export function actionArbitrary(table: ActionTable, dialect: Dialect, depth = 0): fc.Arbitrary<PlainAction> {
  const model: Record<string, fc.Arbitrary<unknown>> = {}
  for (const [key, param] of table.params) model[key] = valueArbitrary(param, dialect, depth)
  if (table.positional) model.value = valueArbitrary(table.positional, dialect, depth)
  const requiredKeys = table.positional ? ['value'] : []
  return fc
    .record(model, { requiredKeys })
    .filter((params) => satisfiesRules(table, params))
    .map((params) => ({ name: table.schema.name, params }))
}

function chain(dialect: Dialect, nested: boolean, maxActions: number, depth: number) {
  const tables = [...actionTables(dialect, nested).values()]
  const solo = tables.filter((t) => t.schema.solo).map((t) => actionArbitrary(t, dialect, depth))
  const others = tables.filter((t) => !t.schema.solo).map((t) => actionArbitrary(t, dialect, depth))
  const many = fc.array(fc.oneof(...others), { minLength: dialect === 'obs' ? 0 : 1, maxLength: maxActions })
  const actions = solo.length > 0 ? fc.oneof({ arbitrary: many, weight: 4 }, { arbitrary: fc.tuple(fc.oneof(...solo)), weight: 1 }) : many
  return actions.map((list) => ({ kind: 'image' as const, actions: [...list] }))
}

export interface ProcessArbitraryOptions {
  dialect?: Dialect
  /** most actions per chain (default 5) */
  maxActions?: number
}

/** Valid plain processes (image chain or style, with saveas in OSS) whose string fits the limits. */
export function processArbitrary(options: ProcessArbitraryOptions = {}): fc.Arbitrary<PlainProcess> {
  const dialect = options.dialect ?? 'oss'
  const style = fc
    .array(fc.constantFrom(...'abcXYZ019._-'.split('')), { minLength: 1, maxLength: 64 })
    .map((c) => ({ kind: 'style' as const, name: c.join('') }))
  const saveAs = fc.record({ object: objectKey, bucket: bucketName }, { requiredKeys: ['object'] })
  return fc
    .record(
      {
        chain: fc.oneof({ arbitrary: chain(dialect, false, options.maxActions ?? 5, 0), weight: 5 }, { arbitrary: style, weight: 1 }),
        saveAs: dialect === 'oss' ? fc.option(saveAs, { nil: undefined }) : fc.constant(undefined),
      },
      { requiredKeys: ['chain'] },
    )
    .map(({ chain, saveAs }): PlainProcess => (saveAs ? { dialect, chain, saveAs } : { dialect, chain }))
    .filter((p) => serialize(p).length <= DEFAULT_LIMITS[dialect].maxLength)
}
