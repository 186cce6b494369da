/** The committed tagger model, embedded by esbuild's binary loader (esbuild.mjs). */
declare module '*.bin' {
  const bytes: Uint8Array;
  export default bytes;
}
