/**
 * The closed sets of names the protocol and the elements share: providers, payment methods, modes. A
 * module of its own, free of schemas, so an element can list the methods without loading the
 * validators of the protocol (`protocol.ts` re-exports these).
 */
export const PROVIDERS = ['komoju', 'univapay', 'payjp', 'stripe', 'paymentoptions'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export const METHODS = ['card', 'konbini'] as const;
export type PaymentMethod = (typeof METHODS)[number];

export const MODES = ['payment', 'setup'] as const;
export type Mode = (typeof MODES)[number];
