import type { EditKind, TypedValue } from '../../core/card/format.ts';
import { digitsOnly } from '../../core/card/normalize.ts';

/** Maps `InputEvent.inputType` to the edit kinds the core formatters understand. */
export function editKindOf(event: Event): EditKind {
  const type = event instanceof InputEvent ? event.inputType : '';
  if (type.startsWith('deleteContentBackward') || type === 'deleteWordBackward') return 'deleteBackward';
  if (type.startsWith('deleteContentForward') || type === 'deleteWordForward') return 'deleteForward';
  return 'insert';
}

/**
 * The security code as typed: digits only (full-width accepted), capped at `max`, the caret kept after
 * the same digit. Digits typed past the cap are dropped where they were typed, as `maxlength` would.
 */
export function formatCvcAsTyped(raw: string, caret: number, max: number): TypedValue {
  const before = digitsOnly(raw.slice(0, caret));
  const after = digitsOnly(raw.slice(caret));
  const excess = Math.max(0, before.length + after.length - max);
  const kept = before.slice(0, Math.max(0, before.length - excess));
  const value = (kept + after).slice(0, max);
  return { value, caret: Math.min(kept.length, value.length) };
}
