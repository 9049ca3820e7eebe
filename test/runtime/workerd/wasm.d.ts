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
