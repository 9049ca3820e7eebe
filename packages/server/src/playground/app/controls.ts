/**
 * Controls generated from the grammar's schema: one fieldset per action of the string, one
 * labelled control per parameter (a number input with the schema's range, a select for enums,
 * gravity and fonts, a colour picker, a text box for base64 text, which it encodes), the
 * action picker, the documentation list and the string's autocomplete suggestions.
 * Controls report raw token values; main.ts rewrites the string (process-model.ts).
 */
import { ACTIONS, FONTS, GRAVITY_OBS, GRAVITY_OSS, actionSchema, decodeBase64Text, encodeBase64Url, resolveParam, type ActionSchema, type Dialect, type ParamSchema } from '@imgproc/grammar'
import { getParam, type ActionTokens, type ProcessModel } from './process-model.js'

/** `index` = the action's place in the chain, `raw` = the token value ('' = remove the parameter) */
export type ControlChange = (index: number, key: string, raw: string) => void

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props)
  node.append(...children)
  return node
}

/** The parameters a user can set in `dialect` (not the watermark-nested-only ones). */
function paramsOf(schema: ActionSchema, dialect: Dialect): ParamSchema[] {
  const all = schema.positional ? [schema.positional, ...schema.params] : [...schema.params]
  return all.filter((p) => !p.nestedOnly && (!p.dialects || p.dialects.includes(dialect))).map((p) => resolveParam(p, dialect))
}

function gravityNames(dialect: Dialect): readonly string[] {
  return dialect === 'obs' ? GRAVITY_OBS : GRAVITY_OSS
}

/** The range or choices of a parameter in words (tooltips and the documentation). */
export function rangeText(p: ParamSchema, dialect: Dialect): string {
  const range = p.kind === 'int' || p.kind === 'radius' ? `${p.min}\u2026${p.max}` : p.kind === 'enum' ? p.values!.join(' | ') : p.kind === 'gravity' ? gravityNames(dialect).join(' | ') : p.kind
  return p.default === undefined ? range : `${range}, default ${p.default}`
}

function select(values: readonly string[], current: string | undefined, defaultValue: string | number | undefined): HTMLSelectElement {
  const box = el('select')
  box.append(el('option', { value: '', textContent: defaultValue === undefined ? '(not set)' : `(default ${defaultValue})` }))
  for (const value of values) box.append(el('option', { value, textContent: value, selected: value === current }))
  return box
}

/** One control for `p`, showing `raw` (the token's value as written), reporting raw values. */
function control(p: ParamSchema, raw: string | undefined, dialect: Dialect, report: (raw: string) => void): HTMLInputElement | HTMLSelectElement {
  const decoded = raw === undefined ? undefined : decodeBase64Text(raw)
  let box: HTMLInputElement | HTMLSelectElement
  let encode = (value: string) => value
  switch (p.kind) {
    case 'enum':
      box = select(p.values!, raw, p.default)
      break
    case 'gravity':
      box = select(gravityNames(dialect), raw, p.default)
      break
    case 'font':
      box = select(FONTS, decoded, p.default)
      encode = (value) => (value ? encodeBase64Url(value) : '')
      break
    case 'color':
      box = el('input', { type: 'color', value: `#${(raw ?? String(p.default ?? '000000')).toLowerCase()}` })
      encode = (value) => value.slice(1).toUpperCase()
      break
    case 'text':
    case 'image':
      box = el('input', { type: 'text', value: decoded ?? '', placeholder: p.kind === 'image' ? 'object key' : 'text' })
      encode = (value) => (value ? encodeBase64Url(value) : '')
      break
    case 'int':
      box = el('input', { type: 'number', value: raw ?? '', min: String(p.min), max: String(p.max), step: '1', placeholder: p.default === undefined ? '' : String(p.default) })
      break
    default:
      box = el('input', { type: 'text', value: raw ?? '', placeholder: p.default === undefined ? '' : String(p.default) })
  }
  box.dataset.key = p.key
  box.title = `${p.doc} (${rangeText(p, dialect)})`
  box.addEventListener(box instanceof HTMLSelectElement || box.type === 'color' ? 'change' : 'input', () => report(encode(box.value)))
  return box
}

/** Redraws the fieldsets for `model` (called when the string was edited, not on a control's own change). */
export function renderControls(container: HTMLElement, model: ProcessModel, dialect: Dialect, change: ControlChange, remove: (index: number) => void): void {
  container.replaceChildren()
  if (!model.editable) return
  model.actions.forEach((action: ActionTokens, index) => {
    const schema = actionSchema(action.name)
    const fieldset = el('fieldset')
    fieldset.dataset.index = String(index)
    fieldset.dataset.action = action.name
    fieldset.append(el('legend', { textContent: action.name }))
    if (schema) {
      for (const p of paramsOf(schema, dialect)) {
        const label = el('label', {}, el('span', { textContent: p.key === 'value' ? '(value)' : p.key }))
        label.append(control(p, getParam(action, p.key), dialect, (raw) => change(index, p.key, raw)))
        fieldset.append(label)
      }
    } else {
      fieldset.append(el('p', { textContent: 'unknown action' }))
    }
    fieldset.append(el('button', { type: 'button', textContent: `Remove ${action.name}`, onclick: () => remove(index) }))
    container.append(fieldset)
  })
}

/** A new action with what it needs to be valid (its required value, or one of its required keys). */
export function starterAction(name: string, dialect: Dialect): ActionTokens {
  const friendly: Record<string, string[]> = { resize: ['w_300'], crop: ['w_200', 'h_200', 'g_center'], rotate: ['90'], blur: ['r_3', 's_2'], bright: ['20'], contrast: ['20'], sharpen: ['100'], quality: ['q_80'], format: ['webp'], circle: ['r_100'], 'rounded-corners': ['r_30'], indexcrop: ['x_100', 'i_0'], watermark: [`text_${encodeBase64Url('imgproc')}`] }
  if (friendly[name]) return { name, tokens: friendly[name]! }
  const schema = actionSchema(name)
  const p = schema?.positional && resolveParam(schema.positional, dialect)
  const value = p ? (p.default ?? p.values?.[0] ?? p.max) : undefined
  return { name, tokens: value === undefined ? [] : [String(value)] }
}

function actionsFor(dialect: Dialect): ActionSchema[] {
  return ACTIONS.filter((a) => !a.dialects || a.dialects.includes(dialect))
}

export function fillActionPicker(picker: HTMLSelectElement, dialect: Dialect): void {
  picker.replaceChildren(...actionsFor(dialect).map((a) => el('option', { value: a.name, textContent: a.name, title: a.doc })))
}

/** Every action, its documentation and its parameters with range and default, from the schema. */
export function renderDocs(list: HTMLElement, dialect: Dialect): void {
  list.replaceChildren()
  for (const action of actionsFor(dialect)) {
    list.append(el('dt', { textContent: action.name }), el('dd', { textContent: action.doc }))
    for (const p of paramsOf(action, dialect)) list.append(el('dd', { textContent: `${p.key === 'value' ? '(value)' : p.key}: ${p.doc} (${rangeText(p, dialect)})` }))
  }
}

/** Completions for the string typed so far: action names after a `/`, parameter keys after a `,`. */
export function suggestions(text: string, dialect: Dialect): string[] {
  const slash = text.lastIndexOf('/')
  const head = text.slice(0, slash + 1)
  const segment = text.slice(slash + 1)
  const comma = segment.indexOf(',')
  if (comma === -1) return actionsFor(dialect).map((a) => `${head}${a.name},`)
  const schema = actionSchema(segment.slice(0, comma))
  if (!schema) return []
  const typed = segment.slice(0, segment.lastIndexOf(',') + 1)
  return paramsOf(schema, dialect).filter((p) => p.key !== 'value').map((p) => `${head}${typed}${p.key}_`)
}

export function updateSuggestions(list: HTMLDataListElement, text: string, dialect: Dialect): void {
  list.replaceChildren(...suggestions(text, dialect).map((value) => el('option', { value })))
}
