/**
 * The last segment of a field path as providers name them in errors: `payment_details[number]`,
 * `payment_details.number`, `data.card_number`, `number` → `number` / `card_number`.
 */
export function fieldPathLeaf(path: string): string {
  const parts = path.split(/[.[\]]+/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}
