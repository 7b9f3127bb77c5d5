/** What a request is known to be for, as budget scopes see it: who, for what, with which tags. */
export interface BudgetFacts {
  readonly tenant: string | null;
  /** The virtual key's id (never the key itself). */
  readonly keyId: string | null;
  readonly user: string | null;
  readonly project: string | null;
  readonly feature: string | null;
  readonly tags: Readonly<Record<string, string>>;
}
