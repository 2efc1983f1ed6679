/**
 * Where uploaded files live. One interface, so a deployment can put scans in object storage
 * without touching the code that receives them. Keys are relative paths of `[A-Za-z0-9._/-]`.
 */
export abstract class FileStorage {
  /** Stores `bytes` under `key`, replacing what was there. */
  abstract put(key: string, bytes: Buffer): Promise<void>;
  /** @throws Error when nothing is stored under `key` */
  abstract get(key: string): Promise<Buffer>;
  /** Removes `key`; nothing happens when it is absent. */
  abstract delete(key: string): Promise<void>;
  /**
   * Checks, at start, that files can be stored, so a misplaced or read-only storage stops the
   * process with the place named instead of failing every upload later.
   * @throws Error naming the storage and why it cannot take files
   */
  abstract checkWritable(): Promise<void>;
}
