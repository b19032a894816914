import { html, type TemplateResult } from 'lit';
import type { PaymentMethod } from '../../core/names.ts';

/**
 * The tabs of the methods a session offers, as the WAI-ARIA tabs pattern asks: a labelled tablist,
 * one tab per method with `aria-controls` its panel, a roving tabindex; arrows move and select
 * (wrapping), Home and End jump, focus follows.
 */
export interface TabsInput {
  readonly methods: readonly PaymentMethod[];
  readonly selected: PaymentMethod;
  readonly label: string;
  readonly text: (method: PaymentMethod) => string;
  readonly select: (method: PaymentMethod, focusTab: boolean) => void;
}

export function renderTabs(input: TabsInput): TemplateResult {
  const { methods, selected } = input;
  const onKeydown = (event: KeyboardEvent): void => {
    const next = tabAfterKey(methods, selected, event.key);
    if (next === null) return;
    event.preventDefault();
    input.select(next, true);
  };
  return html`<div class="tabs" part="tabs" role="tablist" aria-label=${input.label}>
    ${methods.map((method) => {
      const isSelected = method === selected;
      return html`<button
        class="tab"
        part="tab tab-${method}${isSelected ? ' tab-selected' : ''}"
        type="button"
        role="tab"
        id="tab-${method}"
        aria-selected=${isSelected ? 'true' : 'false'}
        aria-controls="panel-${method}"
        tabindex=${isSelected ? '0' : '-1'}
        @click=${() => input.select(method, false)}
        @keydown=${onKeydown}
      >
        ${input.text(method)}
      </button>`;
    })}
  </div>`;
}

/** The method a key moves to from `current`, or null for a key the tabs do not take. */
export function tabAfterKey(methods: readonly PaymentMethod[], current: PaymentMethod, key: string): PaymentMethod | null {
  const index = methods.indexOf(current);
  const last = methods.length - 1;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return methods[index >= last ? 0 : index + 1] ?? null;
    case 'ArrowLeft':
    case 'ArrowUp':
      return methods[index <= 0 ? last : index - 1] ?? null;
    case 'Home':
      return methods[0] ?? null;
    case 'End':
      return methods[last] ?? null;
    default:
      return null;
  }
}
