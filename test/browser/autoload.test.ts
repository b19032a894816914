import { expect, waitUntil } from '@open-wc/testing';
import { autoloadElements } from '../../src/elements/shared/autoload.ts';

/**
 * The script tag's loader of lazy elements, alone on a page: this file imports no element itself, so
 * every registration seen here is the autoloader's doing.
 */
describe('autoloadElements', () => {
  it('loads a lazy element when its tag is written into the page, and only that one', async () => {
    expect(customElements.get('kessai-konbini-slip')).to.equal(undefined);
    autoloadElements(document);
    const slip = document.createElement('kessai-konbini-slip');
    slip.setAttribute('locale', 'en');
    slip.setAttribute(
      'slip',
      JSON.stringify({
        store: 'lawson',
        paymentNumber: '123456789012',
        confirmationNumber: '1111',
        amount: 1500,
        currency: 'JPY',
        expiresAt: '2099-11-27T23:59:00+09:00',
      }),
    );
    document.body.append(slip);
    // The first module the dev server transforms for this page: allow a cold, busy machine its time.
    await waitUntil(() => customElements.get('kessai-konbini-slip') !== undefined, 'the slip was never loaded', {
      timeout: 10000,
    });
    await waitUntil(() => slip.shadowRoot?.textContent?.includes('Lawson'), 'the slip never showed its store');
    expect(customElements.get('kessai-challenge')).to.equal(undefined, 'no challenge tag, no challenge loaded');
    expect(customElements.get('kessai-konbini-fields')).to.equal(undefined);
    slip.remove();
  });
});
