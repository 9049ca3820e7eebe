import { describe, expect, it } from 'vitest'
import { EXAMPLES, readmeExample } from './readme-examples.js'

// Runs without a build: the README keeps the examples the pack test runs (pack-install.test.ts).
describe('README examples', () => {
  it('has every example the pack test runs, each using the engine with no set-up call', () => {
    for (const name of EXAMPLES) {
      const code = readmeExample(name)
      expect(code, name).toContain("from '@imgproc/engine'")
      expect(code, name).toContain('createEngine()')
      expect(code, name).not.toMatch(/initNode|initCodecs|setWasmLoader/)
    }
  })

  it('takes the first block after the marker, and says what is missing', () => {
    const markdown = 'x\n<!-- example:node -->\n\n```js\nconst a = 1\n```\n```js\nother\n```\n'
    expect(readmeExample('node', markdown)).toBe('const a = 1\n')
    expect(() => readmeExample('deno', markdown)).toThrow(/no <!-- example:deno --> marker/)
    expect(() => readmeExample('node', '<!-- example:node -->\nno code')).toThrow(/no code block/)
  })
})
