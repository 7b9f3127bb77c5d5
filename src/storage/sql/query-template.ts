/**
 * A query compiled once by Kysely and run many times with new values. Compiling costs more than
 * running a prepared statement, and group-committed writes repeat a few shapes thousands of
 * times a second. The SQL still comes from Kysely's compiler for the dialect in use, so the same
 * template code serves SQLite and Postgres.
 */
import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';

export interface QueryTemplate {
  /** The placeholder names in the order the compiled query binds them. */
  readonly parameterNames: readonly string[];
  /** Runs the compiled query with `values` bound by name. */
  execute(db: Kysely<any>, values: Readonly<Record<string, unknown>>): Promise<QueryResult<unknown>>;
  /** Runs the compiled query with parameters already in `parameterNames` order. */
  executeWith(db: Kysely<any>, parameters: readonly unknown[]): Promise<QueryResult<unknown>>;
}

/**
 * Compiles `build(param)`, where every value is a `param(name)` placeholder; throws when the
 * compiled query holds a value that is not one (it would otherwise be frozen into every run).
 */
export function compileQueryTemplate(build: (param: (name: string) => string) => Compilable<unknown>): QueryTemplate {
  const names = new Map<string, string>();
  const param = (name: string) => {
    // A marker no real value can equal, since values are bound only at execute time.
    const marker = `\u0000template:${name}\u0000`;
    names.set(marker, name);
    return marker;
  };
  const compiled = build(param).compile();
  const parameterNames = compiled.parameters.map((parameter) => {
    const name = typeof parameter === 'string' ? names.get(parameter) : undefined;
    if (name === undefined) throw new Error(`query template has a literal parameter ${String(parameter)}; use param()`);
    return name;
  });
  const executeWith = (db: Kysely<any>, parameters: readonly unknown[]) => {
    const run: CompiledQuery<unknown> = { ...compiled, parameters };
    return db.executeQuery(run);
  };
  return {
    parameterNames,
    executeWith,
    execute: (db, values) => executeWith(db, parameterNames.map((name) => values[name])),
  };
}
