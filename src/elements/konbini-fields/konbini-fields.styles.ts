import { css } from 'lit';

/**
 * Layout of `<kessai-konbini-fields>`: the chains as a grid of large tappable options (two columns
 * down to 320 px, one column in a container under 260 px), then name, email and phone full width.
 */
export const konbiniFieldsStyles = css`
  .wrap {
    container-type: inline-size;
  }
  .fee {
    margin: 0 0 var(--_space);
    padding: 8px 12px;
    border-radius: var(--_radius);
    background: var(--_surface);
    font-size: 0.875em;
  }
  fieldset {
    margin: 0 0 var(--_space);
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-block-end: 6px;
    font-size: 0.875em;
    font-weight: 600;
  }
  .stores {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 8px;
  }
  @container (max-width: 260px) {
    .stores {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .store {
    display: flex;
    align-items: center;
    gap: 10px;
    min-height: 48px;
    padding: 8px 12px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    cursor: pointer;
    font-size: 1em;
    font-weight: 400;
  }
  .store:hover {
    border-color: var(--_primary);
  }
  .store.checked {
    border-color: var(--_primary);
    box-shadow: inset 0 0 0 1px var(--_primary);
    background: var(--_surface);
  }
  /* Forced colours drop the shadow and the background: a ring in the system's highlight colour marks the pick. */
  @media (forced-colors: active) {
    .store.checked {
      border-color: Highlight;
      outline: 2px solid Highlight;
      outline-offset: -4px;
    }
  }
  .store:has(input:focus-visible) {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  .store.disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .store input {
    flex: none;
    width: 20px;
    height: 20px;
    min-height: 0;
    margin: 0;
    padding: 0;
    accent-color: var(--_primary);
  }
  .store input:focus-visible {
    outline: none;
  }
  .names {
    display: flex;
    flex-direction: column;
    min-width: 0;
    line-height: 1.25;
  }
  .primary {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .secondary {
    color: var(--_muted);
    font-size: 0.75em;
    overflow-wrap: anywhere;
  }
  .fieldset-invalid .store {
    border-color: var(--_danger);
  }
  .label-row {
    display: flex;
    align-items: baseline;
    gap: 6px;
  }
  .tag {
    font-size: 0.75em;
    font-weight: 600;
    color: var(--_muted);
  }
  .tag.required {
    color: var(--_danger);
  }
  input:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  input::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  .empty-stores {
    color: var(--_muted);
    margin: 0;
  }
`;
