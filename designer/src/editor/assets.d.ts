/** Vite's `?url` import: the file is emitted as a static asset and the import is its address. */
declare module 'elkjs/lib/elk-worker.min.js?url' {
  const url: string;
  export default url;
}
