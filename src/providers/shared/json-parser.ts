/** Structural view of a zod (or zod/mini) schema: all a client needs to check an answer. */
export interface Parser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}
