import { css } from 'lit';

/**
 * The theme tokens every element reads. A merchant sets `--kessai-*` on any ancestor; each element's
 * own properties default to these. Dark values apply under `prefers-color-scheme: dark` unless the
 * merchant set the tokens themselves.
 */
export const themeStyles = css`
  :host {
    --_primary: var(--kessai-color-primary, #0b5cff);
    --_on-primary: var(--kessai-color-on-primary, #ffffff);
    --_text: var(--kessai-color-text, #1a1f36);
    --_muted: var(--kessai-color-text-muted, #5b6275);
    --_bg: var(--kessai-color-background, #ffffff);
    --_surface: var(--kessai-color-surface, #f6f8fb);
    --_border: var(--kessai-color-border, #c9cfdb);
    --_danger: var(--kessai-color-danger, #c4262e);
    --_success: var(--kessai-color-success, #137a43);
    --_focus: var(--kessai-color-focus, #0b5cff);
    --_radius: var(--kessai-radius, 8px);
    --_space: var(--kessai-spacing, 12px);
    --_font: var(
      --kessai-font-family,
      system-ui,
      -apple-system,
      'Hiragino Sans',
      'Noto Sans JP',
      'Yu Gothic UI',
      sans-serif
    );
    --_font-size: var(--kessai-font-size, 16px);
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_text);
    line-height: 1.5;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_primary: var(--kessai-color-primary, #7aa7ff);
      --_on-primary: var(--kessai-color-on-primary, #0b1020);
      --_text: var(--kessai-color-text, #e8ebf2);
      --_muted: var(--kessai-color-text-muted, #a7afc2);
      --_bg: var(--kessai-color-background, #141824);
      --_surface: var(--kessai-color-surface, #1c2130);
      --_border: var(--kessai-color-border, #3a4256);
      --_danger: var(--kessai-color-danger, #ff8a8f);
      --_success: var(--kessai-color-success, #6fd49b);
      --_focus: var(--kessai-color-focus, #7aa7ff);
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;

/** Shared look of labelled text inputs (card fields, konbini fields). */
export const fieldStyles = css`
  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    margin-block-end: var(--_space);
  }
  label {
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_text);
  }
  input,
  select {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 10px 12px;
    min-height: 44px;
    width: 100%;
  }
  input:focus-visible,
  select:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
    border-color: var(--_focus);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .error {
    color: var(--_danger);
    font-size: 0.875em;
    min-height: 0;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.8125em;
  }
`;
