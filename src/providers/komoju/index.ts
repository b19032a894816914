/** KOMOJU's browser chunk (loaded by `manifest.ts` when a session names KOMOJU). */
export { komojuAdapter as adapter } from './adapter.ts';
