import { css } from 'lit';

/** Layout of `<kessai-saved-cards>`: one large tappable option per card, "Use a new card" last. */
export const savedCardsStyles = css`
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
  .options {
    display: grid;
    gap: 8px;
  }
  .option {
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
    overflow-wrap: anywhere;
  }
  .option.checked {
    border-color: var(--_primary);
    box-shadow: inset 0 0 0 1px var(--_primary);
    background: var(--_surface);
  }
  .option:has(input:focus-visible) {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  .option.expired {
    cursor: not-allowed;
    color: var(--_muted);
  }
  .option input {
    flex: none;
    width: 20px;
    height: 20px;
    min-height: 0;
    margin: 0;
    accent-color: var(--_primary);
  }
  .option input:focus-visible {
    outline: none;
  }
  .card {
    display: flex;
    flex-wrap: wrap;
    gap: 0 12px;
    min-width: 0;
  }
  .expiry {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .hosted {
    margin: 8px 0 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .save {
    display: flex;
    align-items: center;
    gap: 8px;
    margin-top: 8px;
    min-height: 44px;
    cursor: pointer;
  }
  .save input {
    width: 20px;
    height: 20px;
    min-height: 0;
    margin: 0;
    accent-color: var(--_primary);
  }
`;
