import type { ApiRoute } from '../context.ts';
import { getCustomer } from './customers.ts';
import { cancelPayment, capturePayment, createPayment, getPayment } from './payments.ts';
import { paySession } from './pay.ts';
import { createSecureToken, getSecureToken } from './secure-tokens.ts';
import { cancelSession, createSession, getSession } from './sessions.ts';
import { createToken } from './tokens.ts';

/**
 * The KOMOJU API the emulator answers, below `<basePath>/api/v1`. `access: 'publishable'` routes take
 * either key (docs/providers.md, "KOMOJU"); the others the secret key only.
 */
export const KOMOJU_ROUTES: readonly ApiRoute[] = [
  { method: 'POST', path: '/sessions', access: 'secret', handler: createSession },
  { method: 'GET', path: '/sessions/{id}', access: 'publishable', handler: getSession },
  { method: 'POST', path: '/sessions/{id}/pay', access: 'publishable', handler: paySession },
  { method: 'POST', path: '/sessions/{id}/cancel', access: 'secret', handler: cancelSession },
  { method: 'POST', path: '/secure_tokens', access: 'publishable', handler: createSecureToken },
  { method: 'GET', path: '/secure_tokens/{id}', access: 'publishable', handler: getSecureToken },
  { method: 'POST', path: '/tokens', access: 'publishable', handler: createToken },
  { method: 'POST', path: '/payments', access: 'secret', handler: createPayment },
  { method: 'GET', path: '/payments/{id}', access: 'secret', handler: getPayment },
  { method: 'GET', path: '/customers/{id}', access: 'secret', handler: getCustomer },
  { method: 'POST', path: '/payments/{id}/capture', access: 'secret', handler: capturePayment },
  { method: 'POST', path: '/payments/{id}/cancel', access: 'secret', handler: cancelPayment },
];
