import { css } from 'lit';

/** Layout of `<kessai-checkout>`: tabs, the fields panel, the Pay button, banners and result panels. */
export const checkoutStyles = css`
  :host {
    --kessai-checkout-gap: var(--_space);
  }
  .checkout {
    display: flex;
    flex-direction: column;
    gap: var(--kessai-checkout-gap);
  }
  .tabs {
    display: flex;
    gap: 8px;
    border-bottom: 1px solid var(--_border);
  }
  .tab {
    font: inherit;
    font-weight: 600;
    color: var(--_muted);
    background: none;
    border: 0;
    border-bottom: 3px solid transparent;
    padding: 8px 12px;
    min-height: 44px;
    cursor: pointer;
    margin-bottom: -1px;
  }
  .tab[aria-selected='true'] {
    color: var(--_primary);
    border-bottom-color: var(--_primary);
  }
  .tab:focus-visible,
  .button:focus-visible,
  .result:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  [role='tabpanel'][hidden],
  .panel[hidden] {
    display: none;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    width: 100%;
    min-height: 48px;
    padding: 12px 16px;
    font: inherit;
    font-weight: 700;
    color: var(--_on-primary);
    background: var(--_primary);
    border: 0;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .button:disabled {
    cursor: progress;
    opacity: 0.75;
  }
  .button.secondary {
    color: var(--_primary);
    background: transparent;
    border: 1px solid var(--_primary);
  }
  .spinner {
    width: 1em;
    height: 1em;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
    flex: none;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  .error-banner {
    padding: 12px;
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    color: var(--_danger);
    background: var(--_bg);
    font-size: 0.9375em;
  }
  .error-banner:empty {
    display: none;
  }
  .result {
    padding: 16px;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .result h2 {
    margin: 0 0 4px;
    font-size: 1.125em;
  }
  .result p {
    margin: 0;
  }
  .success h2 {
    color: var(--_success);
  }
  .status-line {
    display: flex;
    align-items: center;
    gap: 10px;
    color: var(--_muted);
  }
  .skeleton {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .bone {
    height: 44px;
    border-radius: var(--_radius);
    background: linear-gradient(90deg, var(--_surface), var(--_border), var(--_surface));
    background-size: 200% 100%;
    animation: shimmer 1.4s ease-in-out infinite;
  }
  .bone.short {
    width: 40%;
    height: 20px;
  }
  @keyframes shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .bone {
      animation: none;
    }
  }
  /* Forced colours (Windows contrast themes) paint every border: only the selected tab keeps its line,
     and the Pay button, whose background is gone, gets a border. */
  @media (forced-colors: active) {
    .tab {
      border-bottom-color: Canvas;
    }
    .tab[aria-selected='true'] {
      border-bottom-color: Highlight;
    }
    .button {
      border: 2px solid;
    }
  }
`;
