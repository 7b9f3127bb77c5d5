import { parseDocument as parseYamlDocument } from 'yaml';
import type { ConfigProblem } from './config-error.ts';
import { describeValue } from './describe-value.ts';

export type ConfigFormat = 'yaml' | 'json';

export interface ParsedDocument {
  /** The document as plain data: a mapping, or undefined for an empty file. */
  readonly value: unknown;
  /** Syntax problems, located by line and column. */
  readonly problems: ConfigProblem[];
}

/** Reads YAML or JSON text into plain data, turning syntax errors into located problems. */
export function parseDocument(text: string, format: ConfigFormat): ParsedDocument {
  if (text.trim() === '') return { value: undefined, problems: [] };
  const parsed = format === 'json' ? parseJson(text) : parseYaml(text);
  if (parsed.problems.length > 0 || parsed.value === null || parsed.value === undefined) return parsed;
  if (typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    return {
      value: undefined,
      problems: [{ path: '', message: `the file must be a mapping of settings such as "server:" (got ${describeValue(parsed.value)})` }],
    };
  }
  return parsed;
}

function parseYaml(text: string): ParsedDocument {
  // `merge` lets users share blocks with `<<: *anchor`; unique keys catch a setting written twice.
  const document = parseYamlDocument(text, { prettyErrors: true, merge: true, uniqueKeys: true });
  // After the first structural error the parser's view of the file is off and later errors are
  // echoes of it; duplicate keys are independent mistakes and are all worth reporting.
  const firstStructural = document.errors.find((error) => error.code !== 'DUPLICATE_KEY');
  const reported = document.errors.filter((error) => error.code === 'DUPLICATE_KEY' || error === firstStructural);
  const lines = text.split('\n');
  const problems: ConfigProblem[] = reported.map((error) => {
    const position = error.linePos?.[0];
    const line = position?.line ?? 1;
    const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    const inFlow = error.code === 'UNEXPECTED_TOKEN' && (lines[line - 1] ?? '').includes('${');
    const hint = inFlow ? ' — inside { } or [ ], quote placeholders: api_key: "${OPENAI_API_KEY}"' : '';
    return { path: '', line, column: position?.col ?? 1, message: `YAML syntax: ${message}${hint}` };
  });
  if (problems.length > 0) return { value: undefined, problems };
  try {
    return { value: document.toJS({ maxAliasCount: 100 }), problems };
  } catch (error) {
    return { value: undefined, problems: [{ path: '', message: `YAML: ${(error as Error).message}` }] };
  }
}

function parseJson(text: string): ParsedDocument {
  try {
    return { value: JSON.parse(text) as unknown, problems: [] };
  } catch (error) {
    const raw = (error as Error).message;
    const offset = Number(/position (\d+)/.exec(raw)?.[1] ?? text.length);
    const before = text.slice(0, offset).split('\n');
    const message = raw.replace(/ in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)$/, '');
    return {
      value: undefined,
      problems: [{ path: '', line: before.length, column: (before.at(-1)?.length ?? 0) + 1, message: `JSON syntax: ${message}` }],
    };
  }
}
