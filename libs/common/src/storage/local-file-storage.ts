import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { FileStorage } from './file-storage';

const KEY = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** FileStorage in a local directory (STORAGE_DIR). Keys cannot climb out of it. */
export class LocalFileStorage extends FileStorage {
  private readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /**
   * Creates the directory when missing and writes and removes a probe file in it.
   * @throws Error naming STORAGE_DIR (resolved) and the system's reason (EACCES, EROFS, …)
   */
  async checkWritable(): Promise<void> {
    const probe = join(this.root, `.probe-${randomUUID()}`);
    try {
      await mkdir(this.root, { recursive: true });
      await writeFile(probe, '');
      await rm(probe);
    } catch (e) {
      throw new Error(
        `STORAGE_DIR ${this.root} cannot store uploaded scans (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): ` +
          'set STORAGE_DIR to a writable directory (in a container: a volume owned by its user)',
      );
    }
  }

  private pathOf(key: string): string {
    if (!KEY.test(key) || key.split('/').some((part) => part === '..' || part === '.')) {
      throw new Error(`invalid storage key ${key}`);
    }
    return join(this.root, key);
  }
}
