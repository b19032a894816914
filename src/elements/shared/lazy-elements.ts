/**
 * The elements a page shows only sometimes (konbini, the slip, the 3-D Secure frame), loaded the first
 * time they are needed. In the script-tag build each becomes a chunk of `dist/kessai-chunks/`; in an
 * app's bundler, a split point.
 */
const LOADERS = {
  'kessai-konbini-fields': () => import('../konbini-fields/konbini-fields.ts'),
  'kessai-konbini-slip': () => import('../konbini-slip/konbini-slip.ts'),
  'kessai-challenge': () => import('../challenge/challenge.ts'),
  'kessai-saved-cards': () => import('../saved-cards/saved-cards.ts'),
} as const satisfies Record<string, () => Promise<unknown>>;

export type LazyTag = keyof typeof LOADERS;
export const LAZY_TAGS = Object.keys(LOADERS) as readonly LazyTag[];

const loading = new Map<LazyTag, Promise<void>>();

/**
 * Loads and registers `tag` once. A failed load (offline, a missing chunk) rejects and is forgotten, so
 * a later call tries again.
 */
export function loadElement(tag: LazyTag): Promise<void> {
  let promise = loading.get(tag);
  if (promise === undefined) {
    promise = LOADERS[tag]().then(
      () => undefined,
      (error: unknown) => {
        loading.delete(tag);
        throw error;
      },
    );
    loading.set(tag, promise);
  }
  return promise;
}

/** Whether `element` is upgraded: its class, not a bare HTMLElement waiting for its chunk. */
export function isUpgraded<T extends HTMLElement>(element: T | null | undefined): element is T {
  return element != null && customElements.get(element.localName) === element.constructor;
}
