/** A required setting is missing or malformed; the process prints the message and exits. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * The exit code of a process stopped by its configuration (sysexits' EX_CONFIG): `npm start`'s
 * supervisor does not restart such a process, since it would fail the same way again.
 */
export const CONFIG_EXIT_CODE = 78;
