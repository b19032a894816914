/** PAY.JP's browser chunk (loaded by `manifest.ts` when a session names PAY.JP). */
export { payjpAdapter as adapter } from './adapter.ts';
