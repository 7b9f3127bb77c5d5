// The subset of better-sqlite3's API that the SQLite adapter uses. The package ships no types and
// @types/better-sqlite3 is not a dependency; if it is added later, delete this file.
declare module 'better-sqlite3' {
  namespace Database {
    interface RunResult {
      changes: number | bigint;
      lastInsertRowid: number | bigint;
    }
    interface Statement {
      readonly reader: boolean;
      all(...parameters: unknown[]): unknown[];
      get(...parameters: unknown[]): unknown;
      run(...parameters: unknown[]): RunResult;
      iterate(...parameters: unknown[]): IterableIterator<unknown>;
    }
    /** A function wrapped in BEGIN … COMMIT (ROLLBACK when it throws); `immediate` takes the write lock at BEGIN. */
    interface Transaction<F extends (...args: any[]) => unknown> {
      (...args: Parameters<F>): ReturnType<F>;
      deferred(...args: Parameters<F>): ReturnType<F>;
      immediate(...args: Parameters<F>): ReturnType<F>;
      exclusive(...args: Parameters<F>): ReturnType<F>;
    }
    interface Options {
      readonly?: boolean;
      fileMustExist?: boolean;
      timeout?: number;
    }
    interface Database {
      readonly open: boolean;
      readonly name: string;
      prepare(source: string): Statement;
      pragma(source: string, options?: { simple?: boolean }): unknown;
      exec(source: string): this;
      transaction<F extends (...args: any[]) => unknown>(fn: F): Transaction<F>;
      defaultSafeIntegers(toggle?: boolean): this;
      close(): this;
    }
  }
  const Database: new (filename: string, options?: Database.Options) => Database.Database;
  export = Database;
}
