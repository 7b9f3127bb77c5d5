import { access, readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { ConfigError } from './config-error.ts';
import type { Config } from './config-schema.ts';
import type { ConfigEnv } from './interpolate-env.ts';
import type { ConfigFormat } from './parse-document.ts';
import { parseConfig } from './parse-config.ts';
import { validateConfig } from './validate-config.ts';

/** The files looked for in the working directory when no path is given, in this order. */
export const CONFIG_FILE_NAMES = ['costops.config.yaml', 'costops.config.yml', 'costops.config.json'] as const;

const FORMATS: Record<string, ConfigFormat> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' };

export interface LoadConfigOptions {
  /** An explicit file (`--config`); relative paths are resolved against `cwd`. */
  readonly path?: string | undefined;
  readonly env: ConfigEnv;
  readonly cwd: string;
  /** The config paths the caller reads, when not all of it (see ValidateConfigOptions.uses). */
  readonly uses?: readonly string[];
}

export interface LoadedConfig {
  readonly config: Config;
  /** The absolute path of the file read, or "defaults" when there was none. */
  readonly source: string;
}

/**
 * Loads the config: the given file, else the first costops.config.{yaml,yml,json} in `cwd`, else
 * the defaults (so `npm start` runs with no file). The only part of config loading that reads files.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const path = options.path === undefined ? await discover(options.cwd) : resolve(options.cwd, options.path);
  if (path === undefined) return { config: validateConfig({}, { env: options.env }), source: 'defaults' };
  const uses = options.uses && { uses: options.uses };

  const shown = displayName(path, options.cwd);
  const format = FORMATS[extname(path).toLowerCase()];
  if (format === undefined) {
    throw new ConfigError([{ path: '', message: 'unsupported file type — name the file .yaml, .yml or .json' }], { source: shown });
  }
  const text = await readText(path, shown);
  return { config: parseConfig(text, { format, env: options.env, source: shown, ...uses }), source: path };
}

async function discover(cwd: string): Promise<string | undefined> {
  const found: string[] = [];
  for (const name of CONFIG_FILE_NAMES) {
    const path = resolve(cwd, name);
    if (await exists(path)) found.push(path);
  }
  if (found.length > 1) {
    const names = found.map((path) => displayName(path, cwd)).join(' and ');
    throw new ConfigError([{ path: '', message: `found ${names} — keep one, or choose with --config` }]);
  }
  return found[0];
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (error) {
    // Anything but "not there" (no permission, say) counts as present, so reading it reports why.
    return errorCode(error) !== 'ENOENT';
  }
}

async function readText(path: string, shown: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = errorCode(error);
    const message =
      code === 'ENOENT'
        ? 'file not found — check the path given with --config'
        : code === 'EISDIR'
          ? 'is a directory — give the path of a .yaml, .yml or .json file'
          : `cannot be read (${code ?? (error as Error).message})`;
    throw new ConfigError([{ path: '', message }], { source: shown, cause: error });
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** Files under the working directory are named relatively, as the user would type them. */
function displayName(path: string, cwd: string): string {
  const fromCwd = relative(cwd, path);
  return fromCwd.startsWith('..') || isAbsolute(fromCwd) ? path : fromCwd;
}
