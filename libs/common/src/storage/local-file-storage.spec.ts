import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalFileStorage } from './local-file-storage';

describe('local file storage', () => {
  const root = mkdtempSync(join(tmpdir(), 'pa-storage-'));
  const storage = new LocalFileStorage(root);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('stores, reads back and deletes bytes under a key', async () => {
    await storage.put('case-1/abc.pdf', Buffer.from('%PDF-1.7'));
    expect((await storage.get('case-1/abc.pdf')).toString()).toBe('%PDF-1.7');
    await storage.delete('case-1/abc.pdf');
    await expect(storage.get('case-1/abc.pdf')).rejects.toThrow();
  });

  it('refuses keys that would leave its directory', async () => {
    await expect(storage.put('../escape', Buffer.from('x'))).rejects.toThrow('invalid storage key');
    await expect(storage.put('/etc/passwd', Buffer.from('x'))).rejects.toThrow('invalid storage key');
  });

  it('says at start when its directory cannot take files, naming it', async () => {
    const notADirectory = join(root, 'a-file');
    await storage.put('a-file', Buffer.from('x'));
    await expect(new LocalFileStorage(join(notADirectory, 'uploads')).checkWritable()).rejects.toThrow(
      `STORAGE_DIR ${join(notADirectory, 'uploads')} cannot store uploaded scans`,
    );
    await expect(new LocalFileStorage(join(root, 'fresh')).checkWritable()).resolves.toBeUndefined();
  });
});
