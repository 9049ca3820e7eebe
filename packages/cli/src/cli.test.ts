import { describe, expect, it } from 'vitest'
import { COMMANDS, main } from './cli.js'
import { captureIo } from './testing-io.js'

describe('imgproc main', () => {
  it('prints the command list and exit codes for --help (exit 0) and with no command (exit 2)', async () => {
    const io = captureIo()
    expect(await main(['--help'], io)).toBe(0)
    for (const command of COMMANDS) expect(io.out()).toContain(`  ${command.name}`)
    expect(io.out()).toMatch(/Exit codes:[\s\S]*130/)
    expect(await main([], captureIo())).toBe(2)
  })

  it('has --help for every command', async () => {
    for (const command of COMMANDS) {
      const io = captureIo()
      expect(await main([command.name, '--help'], io), command.name).toBe(0)
      expect(io.out(), command.name).toMatch(new RegExp(`^Usage: imgproc ${command.name}`))
    }
  })

  it('refuses an unknown command or option on one line with the OSS code (exit 2)', async () => {
    const io = captureIo()
    expect(await main(['frobnicate'], io)).toBe(2)
    expect(io.err()).toMatch(/^imgproc: BadRequest: Unknown command "frobnicate"; commands: process, batch/)
    const io2 = captureIo()
    expect(await main(['explain', '--nope', 'image/rotate,90'], io2)).toBe(2)
    expect(io2.err().trim().split('\n')).toHaveLength(1)
    expect(io2.err()).toMatch(/^imgproc: BadRequest: Unknown option '--nope'/)
  })

  it('explains a string in words, or shows the caret (exit 2)', async () => {
    const io = captureIo()
    expect(await main(['explain', 'image/resize,w_200/rotate,90'], io)).toBe(0)
    expect(io.out()).toMatch(/^1\. resize: .*\n\s+w = 200/)
    const bad = captureIo()
    expect(await main(['explain', 'image/rotate,400'], bad)).toBe(2)
    const [line, source, caret] = bad.err().split('\n')
    expect(line).toMatch(/^imgproc: InvalidArgument: .*400/)
    expect([source, caret]).toEqual(['  image/rotate,400', `  ${' '.repeat(13)}^^^`])
  })

  it('checks the process string before reading the input (exit 2, nothing read)', async () => {
    const io = captureIo()
    expect(await main(['process', '/nonexistent.jpg', 'image/resize,w_0', '-o', '-'], io)).toBe(2)
    expect(io.err()).toMatch(/^imgproc: InvalidArgument/)
  })

  it('names a missing input file NoSuchKey (exit 1)', async () => {
    const io = captureIo()
    expect(await main(['info', '/nonexistent.jpg'], io)).toBe(1)
    expect(io.err()).toMatch(/^imgproc: NoSuchKey: No such file: \/nonexistent\.jpg/)
  })

  it('hands bench its arguments (a bad one is exit 2 with the OSS code)', async () => {
    const io = captureIo()
    expect(await main(['bench', '--iterations', 'many'], io)).toBe(2)
    expect(io.err()).toMatch(/^imgproc: InvalidArgument: .*--iterations/)
  })

  it('needs -o for batch', async () => {
    const io = captureIo()
    expect(await main(['batch', '.', 'image/rotate,90'], io)).toBe(2)
    expect(io.err()).toMatch(/^imgproc: MissingArgument: imgproc batch needs -o/)
  })
})
