import type { ReactiveControllerHost } from 'lit';
import { loadElement, type LazyTag } from '../shared/lazy-elements.ts';

/**
 * The lazy elements a checkout shows (konbini fields, the slip, the challenge frame): loaded when the
 * state needs them, and remembered when their chunk could not be loaded, so the checkout can say so in
 * their place and offer to load them again.
 */
export class LazyParts {
  private _failed: ReadonlySet<LazyTag> = new Set();

  constructor(private readonly host: ReactiveControllerHost) {}

  /** Loads `tag` unless it is defined already or failed (until `retry`). */
  load(tag: LazyTag): void {
    if (customElements.get(tag) !== undefined || this._failed.has(tag)) return;
    // Loaded: drawn again, for what depends on the element being upgraded (the saved cards' choice).
    loadElement(tag).then(
      () => this.host.requestUpdate(),
      () => {
        this._failed = new Set([...this._failed, tag]);
        this.host.requestUpdate();
      },
    );
  }

  failed(tag: LazyTag): boolean {
    return this._failed.has(tag);
  }

  retry(tag: LazyTag): void {
    this._failed = new Set([...this._failed].filter((failed) => failed !== tag));
    this.load(tag);
    this.host.requestUpdate();
  }

  /** Forgets every failure (a reset of the checkout). */
  clear(): void {
    this._failed = new Set();
  }
}
