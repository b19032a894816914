/**
 * The `kessai-*` events a merchant's page can listen to (DESIGN.md, "Events"): the browser tests'
 * harness and request audit and the end-to-end shopper record each one with its detail. No DOM and no
 * Node APIs.
 */
export const KESSAI_EVENTS = [
  'kessai-ready',
  'kessai-change',
  'kessai-submit',
  'kessai-redirect',
  'kessai-success',
  'kessai-pending',
  'kessai-error',
] as const;
export type KessaiEventType = (typeof KESSAI_EVENTS)[number];
