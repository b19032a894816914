import { minifyHTMLLiterals } from 'minify-literals';
import type { Plugin } from 'vite';

/**
 * Minifies the CSS and HTML inside Lit's `css` and `html` tagged templates of our own sources (whitespace,
 * comments, shorter colours), which the JavaScript minifier leaves alone as string contents. Runs after
 * TypeScript is stripped, so the literal parser sees plain JavaScript.
 */
export function minifyLiterals(): Plugin {
  return {
    name: 'kessai:minify-literals',
    enforce: 'post',
    async transform(code, id) {
      if (!/\/src\/elements\/.*\.ts$/.test(id) || !/\b(?:html|css)`/.test(code)) return null;
      const result = await minifyHTMLLiterals(code, { fileName: id });
      return result === null ? null : { code: result.code, map: result.map ?? null };
    },
  };
}
