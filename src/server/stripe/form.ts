/**
 * Stripe's request bodies: `application/x-www-form-urlencoded` with bracketed keys for nested objects
 * and indexed ones for arrays (`metadata[order]=1`, `payment_method_types[0]=card`), as stripe-node
 * encodes them (docs/providers.md "Stripe"). `undefined` values are left out.
 */
export type FormValue = string | number | boolean | undefined | readonly FormValue[] | { readonly [key: string]: FormValue };

export function stripeForm(values: { readonly [key: string]: FormValue }): URLSearchParams {
  const form = new URLSearchParams();
  const add = (key: string, value: FormValue): void => {
    if (value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach((item: FormValue, index) => add(`${key}[${index}]`, item));
    } else if (typeof value === 'object') {
      for (const [name, item] of Object.entries(value as { readonly [key: string]: FormValue })) add(`${key}[${name}]`, item);
    } else {
      form.append(key, String(value));
    }
  };
  for (const [key, value] of Object.entries(values)) add(key, value);
  return form;
}
