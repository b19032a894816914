/** Small helpers the providers' webhook modules share. */

/** A delivery id from a header: 1–255 visible ASCII characters, else undefined. */
export function headerId(value: string | null): string | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  return /^[\x21-\x7e]{1,255}$/.test(trimmed) ? trimmed : undefined;
}

interface IssueLike {
  readonly path: readonly PropertyKey[];
}

/**
 * A 400 message for a body that is not the provider's shape: it names the field (from the schema's
 * own keys), never a value from the body.
 */
export function describeWebhookIssue(what: string, issue: IssueLike | undefined, prefix?: string): string {
  const path = [...(prefix ? [prefix] : []), ...(issue?.path ?? [])]
    .map((key) => (typeof key === 'number' ? `[${key}]` : /^[A-Za-z0-9_-]{1,40}$/.test(String(key)) ? String(key) : '?'))
    .join('.')
    .replace(/\.\[/g, '[');
  return path ? `The body is not a ${what}: "${path}" is missing or invalid.` : `The body is not a ${what}.`;
}
