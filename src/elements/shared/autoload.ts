import { LAZY_TAGS, loadElement, type LazyTag } from './lazy-elements.ts';

/**
 * For the script tag: loads a lazy element as soon as the page has one of its tags (in the HTML, or added
 * later), so `<kessai-konbini-slip>` alone on an order page works with nothing but kessai.js. Elements
 * inside a checkout's shadow root are loaded by the checkout itself. Stops watching once every lazy tag
 * is loaded.
 */
export function autoloadElements(root: Document): void {
  const pending = new Set<LazyTag>(LAZY_TAGS);
  const scan = (): void => {
    for (const tag of pending) {
      if (root.querySelector(tag) === null) continue;
      pending.delete(tag);
      loadElement(tag).catch((error: unknown) => {
        pending.add(tag);
        console.error(`kessai-elements: could not load <${tag}>`, error);
      });
    }
    if (pending.size === 0) observer.disconnect();
  };
  const observer = new MutationObserver(scan);
  observer.observe(root, { childList: true, subtree: true });
  scan();
}
