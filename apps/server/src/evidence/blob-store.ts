/**
 * Where evidence bytes live, addressed by their SHA-256. A file is written once under its hash and
 * never overwritten; every read checks that the bytes still hash to their name, so an altered file
 * is found the first time anyone opens it instead of being shown as evidence.
 */
export interface BlobStore {
  readonly kind: 'local' | 's3';
  /**
   * Puts a finished file (already hashed by the caller) under its hash. The file is consumed
   * (moved, or uploaded then deleted). Storing bytes that are already there is a no-op.
   */
  put(file: string, sha256: string, size: number, contentType: string): Promise<void>;
  /**
   * A local path to the bytes, verified against their hash; throws IntegrityError if they no longer
   * match. `fresh` hashes them again even if nothing seems to have changed (an explicit check).
   */
  verifiedPath(sha256: string, opts?: { fresh?: boolean }): Promise<string>;
  /** Whether the bytes are present (no verification). */
  has(sha256: string): Promise<boolean>;
  /** Removes the bytes (retention); missing bytes are not an error. */
  remove(sha256: string): Promise<void>;
}

/** Stored bytes that no longer hash to their name, or that are missing. */
export class IntegrityError extends Error {
  constructor(
    readonly sha256: string,
    readonly actual: string | null,
    message: string,
  ) {
    super(message);
  }
}
