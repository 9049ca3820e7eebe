import { describe, expect, it } from 'vitest'
import { zlibSync } from 'fflate'
import { iccpProfile } from './iccp.js'
import { MAX_PROFILE_BYTES } from './profile-header.js'

const chunk = (name: string, method: number, data: Uint8Array) => Uint8Array.from([...new TextEncoder().encode(name), 0, method, ...data])

describe('iccpProfile', () => {
  it('inflates the profile after the name and the compression method', () => {
    const profile = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) & 255)
    expect(iccpProfile(chunk('ICC Profile', 0, zlibSync(profile)))).toEqual(profile)
  })

  it('refuses a bad name, an unknown method and broken zlib data', () => {
    const data = zlibSync(new Uint8Array(200))
    expect(iccpProfile(chunk('', 0, data))).toBeUndefined()
    expect(iccpProfile(chunk('x'.repeat(80), 0, data))).toBeUndefined()
    expect(iccpProfile(chunk('ICC', 1, data))).toBeUndefined()
    expect(iccpProfile(chunk('ICC', 0, data.subarray(0, 5).map((v) => v ^ 0x55)))).toBeUndefined()
  })

  it('stops a compression bomb at the size limit instead of inflating it', () => {
    const bomb = zlibSync(new Uint8Array(64 << 20), { level: 9 })
    expect(bomb.length).toBeLessThan(MAX_PROFILE_BYTES / 20)
    const before = process.memoryUsage().arrayBuffers
    expect(iccpProfile(chunk('bomb', 0, bomb))).toBeUndefined()
    // far below the 64 MB the bomb would inflate to (the limit plus the stream's own buffers)
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 << 20)
  })
})
