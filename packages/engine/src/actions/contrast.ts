import { toneAction } from './tone-action.js'

/** contrast (spec 2.9): -100..100 around mid-grey (ops' curve). */
export const contrast = toneAction('contrast')
