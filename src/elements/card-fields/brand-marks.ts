import { css, html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { brandLabel, type CardBrand } from '../../core/card/brand.ts';
import type { Locale } from '../../core/locale.ts';

/**
 * The card brands' marks, for `<kessai-card-fields>`: a chunk of its own (`brand-marks`), loaded when
 * the card form is first drawn, so that `kessai.js` keeps to its budget. Our own simple drawings in the
 * brands' colours (wordmarks, Mastercard's two circles, JCB's three bands), not the brands' artwork;
 * each drawn once, as a `<symbol>` of one sprite per shadow root, and shown with `<use>`. Every SVG
 * element has an explicit end tag: the build's literal minifier drops the slash of a self-closed one.
 *
 * Accessible names: the accepted list is a list labelled "Accepted cards" (使用できるカード) whose marks
 * are images named by the brand; the detected brand's mark is an image named by the brand, inside the
 * card number's description (the change itself is announced once by the card fields' live region).
 */

const BOX = svg`<rect width="32" height="20" rx="3" fill="#fff" stroke="#c9cfdb"></rect>`;

/** One symbol per brand, 32 × 20. */
const SYMBOLS: Readonly<Record<CardBrand, SVGTemplateResult>> = {
  visa: svg`<rect width="32" height="20" rx="3" fill="#1434cb"></rect><text x="16" y="13.6" fill="#fff" font-size="9" font-weight="800" font-style="italic">VISA</text>`,
  mastercard: svg`<rect width="32" height="20" rx="3" fill="#231f20"></rect><circle cx="12.5" cy="10" r="6" fill="#eb001b"></circle><circle cx="19.5" cy="10" r="6" fill="#f79e1b"></circle><path d="M16 5.13A6 6 0 0 1 16 14.87A6 6 0 0 1 16 5.13Z" fill="#ff5f00"></path>`,
  jcb: svg`${BOX}<rect x="4" y="3" width="7.6" height="14" rx="2.5" fill="#0e4c96"></rect><rect x="12.2" y="3" width="7.6" height="14" rx="2.5" fill="#e21836"></rect><rect x="20.4" y="3" width="7.6" height="14" rx="2.5" fill="#00a651"></rect><text fill="#fff" font-size="7.5" font-weight="700" y="12.8"><tspan x="7.8">J</tspan><tspan x="16">C</tspan><tspan x="24.2">B</tspan></text>`,
  amex: svg`<rect width="32" height="20" rx="3" fill="#006fcf"></rect><text x="16" y="13" fill="#fff" font-size="7.6" font-weight="800">AMEX</text>`,
  diners: svg`${BOX}<circle cx="16" cy="10" r="6.6" fill="none" stroke="#0079be" stroke-width="1.8"></circle><path d="M14.3 6.2v7.6M17.7 6.2v7.6" stroke="#0079be" stroke-width="1.6"></path>`,
  discover: svg`${BOX}<text x="16" y="11.4" fill="#231f20" font-size="5.4" font-weight="700">DISC<tspan fill="#ff6000">O</tspan>VER</text><rect x="4" y="14" width="24" height="1.6" fill="#ff6000"></rect>`,
};

const LIST_LABEL: Readonly<Record<Locale, string>> = { ja: '使用できるカード', en: 'Accepted cards' };

export const styles = css`
  .sprite {
    position: absolute;
    width: 0;
    height: 0;
    overflow: hidden;
  }
  .marks {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  .marks > span {
    display: flex;
  }
  .mark {
    display: block;
    width: 32px;
    height: 20px;
    flex: none;
  }
  /* Logos keep their colours; a frame in the system's text colour keeps each one apart. */
  @media (forced-colors: active) {
    .mark {
      forced-color-adjust: none;
      outline: 1px solid CanvasText;
      border-radius: 3px;
    }
  }
`;

/** Adds the marks' styles to a shadow root (adopted: no `<style>` for a page's CSP to refuse). */
export function adopt(root: ShadowRoot): void {
  const sheet = styles.styleSheet;
  if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** The symbols, drawn once per shadow root; every mark refers to them. */
export const sprite: TemplateResult = html`<svg class="sprite" aria-hidden="true" focusable="false">
  ${Object.entries(SYMBOLS).map(([brand, body]) => svg`<symbol id=${`kessai-mark-${brand}`} viewBox="0 0 32 20"
        ><g font-family="Arial, Helvetica, sans-serif" text-anchor="middle">${body}</g></symbol
      >`)}
</svg>`;

/** One brand's mark, an image named by the brand. */
export function mark(brand: CardBrand): TemplateResult {
  return html`<svg class="mark" role="img" aria-label=${brandLabel(brand)} viewBox="0 0 32 20" focusable="false"><use href=${`#kessai-mark-${brand}`}></use></svg>`;
}

/** The accepted brands, a labelled list of marks. */
export function accepted(brands: readonly CardBrand[], locale: Locale): TemplateResult | typeof nothing {
  if (brands.length === 0) return nothing;
  // `role="list"` on a div: a styled `<ul>` loses its list semantics in Safari.
  return html`<div class="marks" part="brands" role="list" aria-label=${LIST_LABEL[locale]}>
    ${brands.map((brand) => html`<span role="listitem">${mark(brand)}</span>`)}
  </div>`;
}
