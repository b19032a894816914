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
  .in {
    position: relative;
  }
  #number {
    padding-right: 52px;
  }
  /* The detected brand, at the end of the number field. */
  .brand {
    position: absolute;
    right: 10px;
    top: 50%;
    transform: translateY(-50%);
    color: var(--_muted);
    font-size: 0.75em;
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
