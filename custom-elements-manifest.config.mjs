// custom-elements.json is generated from the elements' JSDoc (@summary, @tag, @event, @csspart,
// @cssproperty, @slot). `packagejson: false`: package.json already points at the file and must not be
// rewritten by a check run.
export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/elements/**/*.styles.ts'],
  litelement: true,
  packagejson: false,
  outdir: '.',
};
