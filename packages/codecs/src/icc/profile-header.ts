/** The ICC header fields that decide whether and how a profile is applied (ICC.1:2022 section 7.2). */

/** Larger profiles are ignored (real ones are a few KB to ~2 MB; CMYK press profiles are the largest). */
export const MAX_PROFILE_BYTES = 4 << 20

export type ProfileSpace = 'rgb' | 'grey' | 'cmyk' | 'other'

/** The data colour space of a well-formed profile, or null when the header is not an ICC header. */
export function profileSpace(profile: Uint8Array): ProfileSpace | null {
  if (profile.length < 132 || profile.length > MAX_PROFILE_BYTES) return null
  const view = new DataView(profile.buffer, profile.byteOffset, profile.byteLength)
  const declared = view.getUint32(0)
  if (declared < 132 || declared > profile.length) return null
  if (ascii(profile, 36) !== 'acsp') return null
  const pcs = ascii(profile, 20)
  if (pcs !== 'XYZ ' && pcs !== 'Lab ') return null
  const space = ascii(profile, 16)
  return space === 'RGB ' ? 'rgb' : space === 'GRAY' ? 'grey' : space === 'CMYK' ? 'cmyk' : 'other'
}

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!)
}
