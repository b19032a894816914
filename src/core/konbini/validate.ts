import { checkEmail } from '../contact/email.ts';
import { checkName } from '../contact/name.ts';
import { parseJapanesePhone } from '../contact/phone.ts';
import type { KonbiniErrorReason } from '../i18n/konbini-messages.ts';
import type { KonbiniStore } from '../konbini-stores.ts';
import type { KonbiniDetails } from '../payment-input.ts';

/** Whether the provider needs a contact field (KOMOJU: email required, phone optional; UnivaPay: phone required). */
export type FieldRequirement = 'required' | 'optional' | 'hidden';

export const KONBINI_FIELDS = ['store', 'name', 'email', 'phone'] as const;
export type KonbiniField = (typeof KONBINI_FIELDS)[number];

/** The konbini form as typed, before any normalisation. */
export interface KonbiniValues {
  readonly store: KonbiniStore | null;
  readonly name: string;
  readonly email: string;
  readonly phone: string;
}

export interface KonbiniRequirements {
  /** The chains the shopper may pick; a store outside this list counts as not picked. */
  readonly stores: readonly KonbiniStore[];
  readonly email: FieldRequirement;
  readonly phone: FieldRequirement;
}

export type KonbiniValidation =
  | { readonly ok: true; readonly details: KonbiniDetails }
  | { readonly ok: false; readonly errors: Readonly<Partial<Record<KonbiniField, KonbiniErrorReason>>> };

/**
 * Checks the konbini form and, when every field is fine, builds the `KonbiniDetails` the flow sends:
 * name with spaces collapsed, email normalized (full-width to ASCII, lower-case domain; `''` when the
 * field is optional and blank, or hidden), phone as national digits (`09012345678`; absent when
 * optional and blank, or hidden). Hidden fields are ignored whatever they hold. Errors are keyed by
 * field, in form order.
 */
export function validateKonbini(values: KonbiniValues, rules: KonbiniRequirements): KonbiniValidation {
  const errors: Partial<Record<KonbiniField, KonbiniErrorReason>> = {};

  const store = values.store !== null && rules.stores.includes(values.store) ? values.store : null;
  if (store === null) errors.store = 'store_required';

  const name = checkName(values.name);
  if (!name.ok) errors.name = 'name_required';

  let email = '';
  if (rules.email !== 'hidden') {
    const check = checkEmail(values.email);
    if (check.ok) email = check.value;
    else if (check.reason === 'invalid') errors.email = 'email_invalid';
    else if (rules.email === 'required') errors.email = 'email_required';
  }

  let phone: string | undefined;
  if (rules.phone !== 'hidden') {
    const check = parseJapanesePhone(values.phone);
    if (check.ok) phone = check.value.national;
    else if (check.reason === 'invalid') errors.phone = 'phone_invalid';
    else if (rules.phone === 'required') errors.phone = 'phone_required';
  }

  if (store === null || !name.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    details: phone === undefined ? { store, name: name.value, email } : { store, name: name.value, email, phone },
  };
}
