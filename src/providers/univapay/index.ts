/** UnivaPay's browser chunk (loaded by `manifest.ts` when a session names UnivaPay). */
export { univapayAdapter as adapter } from './adapter.ts';
