/** One bundled font file: a subset of a family, holding the code points listed. */
export interface FaceEntry {
  /** file name in the package's fonts/ folder */
  file: string
  /** size of the file (WOFF) */
  bytes: number
  /** the code points its cmap maps, in code-points.ts' encoding */
  codePoints: string
}

/** One bundled family: where it came from, its licence, its files. */
export interface FamilyEntry {
  family: string
  /** the npm package (and version) the files were copied from */
  source: string
  licence: string
  faces: readonly FaceEntry[]
}
