import { css } from 'lit';

/**
 * Look of `<kessai-konbini-slip>`: a card with the store on top, the numbers large in a monospace face
 * (grouped, wrapping by group at 320 px), the amount and deadline, the store's steps, then the actions.
 * Printed: black on white, no buttons, numbers larger still.
 */
export const konbiniSlipStyles = css`
  .slip {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    padding: calc(var(--_space) * 1.5);
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    min-width: 0;
  }
  .label {
    display: block;
    margin: 0;
    font-size: 0.8125em;
    font-weight: 600;
    color: var(--_muted);
  }
  .store h2 {
    margin: 0;
    font-size: 1.375em;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }
  .secondary {
    color: var(--_muted);
    font-size: 0.8125em;
    font-weight: 400;
    margin-inline-start: 0.5em;
  }
  dl {
    margin: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  dt {
    font-size: 0.8125em;
    font-weight: 600;
    color: var(--_muted);
  }
  dd {
    margin: 2px 0 0;
  }
  .alias {
    font-weight: 400;
    margin-inline-start: 0.25em;
  }
  .number-line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px 12px;
  }
  .number {
    display: inline;
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Noto Sans Mono', monospace;
    font-size: 1.75em;
    font-weight: 700;
    letter-spacing: 0.06em;
    line-height: 1.25;
    font-variant-numeric: tabular-nums;
    user-select: all;
    -webkit-user-select: all;
    min-width: 0;
  }
  .number.small {
    font-size: 1.375em;
  }
  .group {
    white-space: nowrap;
  }
  .group:not(:last-child) {
    margin-inline-end: 0.5ch;
  }

  .amount {
    font-size: 1.375em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .deadline {
    font-weight: 600;
  }
  .time-left {
    display: block;
    font-weight: 400;
    color: var(--_muted);
  }
  .expired .time-left,
  .time-left.expired {
    color: var(--_danger);
    font-weight: 700;
  }
  .status:empty {
    display: none;
  }
  .expired-banner {
    margin: 0;
    padding: 10px 12px;
    border-radius: var(--_radius);
    border: 1px solid var(--_danger);
    color: var(--_danger);
    font-weight: 600;
  }
  .expired .number {
    color: var(--_muted);
    text-decoration: line-through;
  }
  button,
  .link {
    font: inherit;
    font-size: 0.9375em;
    font-weight: 600;
    min-height: 44px;
    padding: 8px 16px;
    border-radius: var(--_radius);
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    text-decoration: none;
  }
  button {
    color: var(--_primary);
    background: var(--_bg);
    border: 1px solid var(--_primary);
  }
  .link {
    color: var(--_on-primary);
    background: var(--_primary);
    border: 1px solid var(--_primary);
  }
  button:focus-visible,
  .link:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .copy {
    min-width: 6em;
  }
  .copy.copied {
    color: var(--_success);
    border-color: var(--_success);
  }
  .copy-status {
    margin: 0;
    font-size: 0.875em;
    color: var(--_muted);
  }
  .copy-status:empty {
    display: none;
  }
  .steps h3 {
    margin: 0 0 4px;
    font-size: 1em;
  }
  .steps ol {
    margin: 0;
    padding-inline-start: 1.5em;
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .steps p {
    margin: 8px 0 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .problem {
    margin: 0;
    padding: 12px;
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    color: var(--_danger);
    background: var(--_bg);
  }
  .empty {
    margin: 0;
    color: var(--_muted);
  }
  @media print {
    :host {
      color: #000 !important;
    }
    .slip {
      color: #000;
      background: #fff;
      border-color: #000;
    }
    .label,
    dt,
    .secondary,
    .time-left,
    .steps p {
      color: #000;
    }
    .number {
      font-size: 26pt;
      color: #000;
    }
    .amount {
      font-size: 18pt;
    }
    button,
    .copy-status {
      display: none !important;
    }
    /* The slip page cannot be clicked on paper: print where it is. */
    .link {
      display: block;
      min-height: 0;
      padding: 0;
      border: 0;
      background: none;
      color: #000;
      font-weight: 400;
    }
    .link::after {
      content: ': ' attr(href);
      overflow-wrap: anywhere;
    }
  }
`;
