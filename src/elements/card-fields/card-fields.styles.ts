import { css } from 'lit';

/**
 * Layout of `<kessai-card-fields>`: number full width, expiry and security code side by side, name full
 * width. Two columns still fit at 320 px; in a container narrower than 240 px they stack.
 */
export const cardFieldsStyles = css`
  .wrap {
    container-type: inline-size;
  }
  .grid {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    column-gap: var(--_space);
  }
  .full {
    grid-column: 1 / -1;
  }
  @container (max-width: 240px) {
    .grid {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .label-row {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    min-height: 1.5em;
  }
  .brand {
    max-width: 60%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    padding: 0 8px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: var(--_text);
    font-size: 0.75em;
    font-weight: 600;
    line-height: 1.6;
  }
  .brand[hidden] {
    display: none;
  }
  input {
    font-variant-numeric: tabular-nums;
  }
  input:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  input::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
`;
