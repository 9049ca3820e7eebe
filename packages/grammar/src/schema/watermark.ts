import type { ActionSchema } from './types.js'

export const FONTS = [
  'wqy-zenhei',
  'wqy-microhei',
  'fangzhengshusong',
  'fangzhengkaiti',
  'fangzhengheiti',
  'fangzhengfangsong',
  'droidsansfallback',
] as const

/** OSS §2.14, OBS §9.2: text, image, or both in one action (repeat the action for several). */
export const watermark: ActionSchema = {
  name: 'watermark',
  doc: 'Text and/or image watermark.',
  params: [
    { key: 't', kind: 'int', min: 0, max: 100, default: 100, doc: 'opacity (100 = opaque)' },
    { key: 'g', kind: 'gravity', default: 'se', obs: { default: 'nw' }, doc: 'anchor cell' },
    { key: 'x', kind: 'int', min: 0, max: 4096, default: 10, doc: 'horizontal margin' },
    { key: 'y', kind: 'int', min: 0, max: 4096, default: 10, doc: 'vertical margin' },
    { key: 'voffset', kind: 'int', min: -1000, max: 1000, default: 0, doc: 'shift from the middle line' },
    { key: 'fill', kind: 'int', min: 0, max: 1, default: 0, doc: '1 = tile over the whole image' },
    { key: 'padx', kind: 'int', min: 0, max: 4096, default: 0, doc: 'horizontal gap between tiles' },
    { key: 'pady', kind: 'int', min: 0, max: 4096, default: 0, doc: 'vertical gap between tiles' },
    { key: 'text', kind: 'text', maxBytes: 64, doc: 'base64 text (≤ 64 UTF-8 bytes)' },
    { key: 'type', kind: 'font', values: FONTS, default: 'wqy-zenhei', doc: 'base64 font name' },
    { key: 'color', kind: 'color', default: '000000', doc: 'text colour (RRGGBB)' },
    { key: 'size', kind: 'int', min: 1, max: 1000, default: 40, doc: 'font size in px' },
    { key: 'shadow', kind: 'int', min: 0, max: 100, default: 0, doc: 'shadow opacity' },
    { key: 'rotate', kind: 'int', min: 0, max: 360, default: 0, doc: 'text rotation, clockwise degrees' },
    { key: 'image', kind: 'image', doc: 'base64 object key, may carry a nested process' },
    { key: 'order', kind: 'int', min: 0, max: 1, default: 0, doc: 'text+image: 0 = image first' },
    { key: 'align', kind: 'int', min: 0, max: 2, default: 0, doc: 'text+image: 0 top, 1 middle, 2 bottom' },
    { key: 'interval', kind: 'int', min: 0, max: 1000, default: 0, doc: 'text+image: gap in px' },
  ],
  rules: { requireAny: ['text', 'image'] },
}
