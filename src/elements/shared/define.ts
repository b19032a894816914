/**
 * Registers a custom element once. The widget may be loaded twice on one page (a script tag and an npm
 * import); the second registration is skipped instead of throwing.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
