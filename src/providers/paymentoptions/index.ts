/** PaymentOptions' browser chunk (loaded by `manifest.ts` when a session names PaymentOptions). */
export { paymentoptionsAdapter as adapter } from './adapter.ts';
