/** Stripe's browser chunk (loaded by `manifest.ts` when a session names Stripe). */
export { stripeAdapter as adapter } from './adapter.ts';
