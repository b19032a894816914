/** What an emulator's API route answers: an HTTP status and the JSON body. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
}

export const ok = (body: unknown, status = 200): ApiAnswer => ({ status, body });

/**
 * A refusal in the provider's own error body. Each emulator subclasses it with its provider's body
 * (`KomojuApiError`, `UnivapayApiError`); routes throw it and the dispatcher answers it.
 */
export class EmulatorApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
    this.name = 'EmulatorApiError';
  }

  get answer(): ApiAnswer {
    return { status: this.status, body: this.body };
  }
}

/** Runs a route; a refusal it throws becomes the answer, anything else (a bug) goes on up. */
export function runRoute(handler: () => ApiAnswer): ApiAnswer {
  try {
    return handler();
  } catch (error) {
    if (error instanceof EmulatorApiError) return error.answer;
    throw error;
  }
}
