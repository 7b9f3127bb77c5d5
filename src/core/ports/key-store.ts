/**
 * The virtual key port (SPEC §4, §18): keys that clients present instead of provider keys, each
 * belonging to a tenant and carrying attribution defaults. A key's plaintext exists only in the
 * value `create()` returns; stores keep a one-way hash of it, so nothing read back from a store
 * (records, logs, backups) can be used to call the gateway.
 */

/** What a new key is for; the optional fields become the attribution defaults of its requests. */
export interface VirtualKeyInput {
  tenant: string;
  user?: string | null;
  /** A label for people ("ci", "search-backend"); not used for auth. */
  name?: string | null;
  project?: string | null;
  feature?: string | null;
}

/** A stored key as anyone may see it: no secret, only a short prefix to recognise it by. */
export interface VirtualKeyRecord {
  id: string;
  tenant: string;
  user: string | null;
  name: string | null;
  project: string | null;
  feature: string | null;
  /** The key's first characters (`co-sk-AbCd1234`), too short to guess the rest from. */
  prefix: string;
  createdAt: Date;
  /** Null while the key works. */
  revokedAt: Date | null;
}

/** The result of `create()`: the record plus the plaintext key, which no later call returns. */
export interface CreatedVirtualKey extends VirtualKeyRecord {
  key: string;
}

/** Who a presented key speaks for. */
export interface VirtualKeyIdentity {
  keyId: string;
  tenant: string;
  user: string | null;
  project: string | null;
  feature: string | null;
}

export interface ListKeysQuery {
  /** Only this tenant's keys. */
  tenant?: string;
}

export interface KeyStore {
  /** Makes and stores a new key; the returned `key` is the only copy of its plaintext. */
  create(input: VirtualKeyInput): Promise<CreatedVirtualKey>;
  /** Keys oldest first, revoked ones included (with `revokedAt`). */
  list(query?: ListKeysQuery): Promise<VirtualKeyRecord[]>;
  /**
   * Revokes the key with this id or prefix; undefined when there is none. Revoking a revoked key
   * returns it unchanged. Takes effect for the very next `resolve()`, in any process.
   */
  revoke(idOrPrefix: string): Promise<VirtualKeyRecord | undefined>;
  /** The identity of a presented key; undefined when it is unknown, malformed or revoked. */
  resolve(presentedKey: string): Promise<VirtualKeyIdentity | undefined>;
  close(): Promise<void>;
}
