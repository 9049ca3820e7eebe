/** A `.wasm` import in a Worker is the compiled module (the config declares it `wasm = embed`). */
declare module '*.wasm' {
  const module: WebAssembly.Module
  export default module
}

/** A data module (`data = embed "<file>"`) arrives as an ArrayBuffer. */
declare module '*.ttf' {
  const bytes: ArrayBuffer
  export default bytes
}

/** A bundled font (@imgproc/fonts) as a data module. */
declare module '*.woff' {
  const bytes: ArrayBuffer
  export default bytes
}
