import { ConfigError } from './config-error.ts';
import type { Config } from './config-schema.ts';
import type { ConfigEnv } from './interpolate-env.ts';
import { parseDocument, type ConfigFormat } from './parse-document.ts';
import { validateConfig } from './validate-config.ts';

export interface ParseConfigOptions {
  readonly format: ConfigFormat;
  /** Variables for `${VAR}` placeholders. */
  readonly env: ConfigEnv;
  /** The file name used in error messages. */
  readonly source?: string;
  /** The config paths the caller reads, when not all of it (see ValidateConfigOptions.uses). */
  readonly uses?: readonly string[];
}

/** Parses and validates config text (YAML or JSON) without touching the file system. Throws ConfigError. */
export function parseConfig(text: string, options: ParseConfigOptions): Config {
  const document = parseDocument(text, options.format);
  if (document.problems.length > 0) throw new ConfigError(document.problems, { source: options.source });
  return validateConfig(document.value, { env: options.env, source: options.source, ...(options.uses && { uses: options.uses }) });
}
