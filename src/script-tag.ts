/**
 * The entry of `dist/kessai.js`, the classic script for a `<script>` tag. It registers what a card
 * checkout shows at once (`<kessai-checkout>`, `<kessai-card-fields>`); the payment flow, the provider
 * adapters and the other elements come from `dist/kessai-chunks/` when first needed, and a lazy tag
 * written in the page is loaded as soon as it appears. A checkout asks its endpoint for the session
 * while its flow's chunk loads (`flow/early-start.ts`).
 */
import './elements/card-fields/card-fields.ts';
import './elements/checkout/checkout.ts';
import { autoloadElements } from './elements/shared/autoload.ts';
import { enableEarlyStart } from './flow/early-start.ts';

// The flow comes from a chunk: ask for the session while it loads.
enableEarlyStart();
autoloadElements(document);
