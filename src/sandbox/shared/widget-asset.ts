/**
 * A static script or stylesheet a provider's stand-in serves from the sandbox's origin to any page
 * (UnivaPay's `checkout.js`, Stripe.js): never sniffed, loadable cross-origin.
 */
export function widgetAsset(body: string, type: 'text/javascript' | 'text/css'): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': `${type}; charset=utf-8`,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Access-Control-Allow-Origin': '*',
    },
  });
}
