import { toneAction } from './tone-action.js'

/** bright (spec 2.9): -100..100, adds value% of the range (ops' curve). */
export const bright = toneAction('bright')
