/**
 * Checks of the settings every emulator has. Each throws through `fail`, the emulator's own
 * `TypeError` naming it (`kessai-elements/sandbox: komoju …`), at startup.
 */
export type OptionFailure = (message: string) => never;

/** The settings every emulator takes, beside its mount path. */
export interface CommonEmulatorOptions {
  /**
   * Origin of the URLs the emulator hands out (its challenge and slip pages…). Default: the origin of
   * the request that created the object.
   */
  readonly publicOrigin?: string;
  /** The clock (tests move it: deadlines, expiries, idempotency keys). Default `() => new Date()`. */
  readonly now?: () => Date;
}

/** The thrower of one emulator's setting errors. */
export function optionFailure(provider: string): OptionFailure {
  return (message) => {
    throw new TypeError(`kessai-elements/sandbox: ${provider} ${message}`);
  };
}

/**
 * The mount path (`value`, else `defaultPath` such as `/sandbox/komoju`) without a trailing slash;
 * refused unless it is a plain path.
 */
export function basePathOption(value: string | undefined, defaultPath: string, fail: OptionFailure): string {
  const basePath = (value ?? defaultPath).replace(/\/+$/, '');
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(basePath)) {
    fail(`basePath ${JSON.stringify(basePath)} must be a path like ${defaultPath}.`);
  }
  return basePath;
}

/** The origin of `publicOrigin`, or null when it is not set. */
export function publicOriginOption(value: string | undefined, fail: OptionFailure): string | null {
  if (value === undefined) return null;
  try {
    return new URL(value).origin;
  } catch {
    return fail('publicOrigin must be a URL.');
  }
}
