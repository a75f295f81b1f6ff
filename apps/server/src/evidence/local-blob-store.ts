import { constants } from 'node:fs';
import { chmod, copyFile, link, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { IntegrityError, type BlobStore } from './blob-store';
import { hashFile, SHA256_HEX } from './file-hash';

/** Makes a rename or link durable: the directory entry itself must reach the disk. */
async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Evidence bytes in a folder, one read-only file per SHA-256 (sha256/ab/cd/<hash>). A file enters by
 * a hard link from the incoming folder, which either creates the name whole or fails because it
 * exists: no reader ever sees half a file and nothing is written over.
 */
export class LocalBlobStore implements BlobStore {
  readonly kind = 'local' as const;
  // Verified files by inode, size and change time: any write to a file changes its ctime, which no
  // one can set back, so an unchanged key means unchanged bytes and a second hash is not needed.
  private verified = new Map<string, string>();

  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(file: string, sha256: string): Promise<void> {
    const final = this.pathOf(sha256);
    await mkdir(dirname(final), { recursive: true });
    await chmod(file, 0o440);
    for (let attempt = 0; ; attempt++) {
      try {
        await this.linkOrCopy(file, final);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw e;
        // Already stored: an intact copy is kept as it is; an altered one is set aside for
        // investigation (not overwritten in place) and these verified bytes take its name.
        const existing = await hashFile(final).catch(() => null);
        if (existing?.sha256 === sha256) break;
        await mkdir(join(this.root, 'quarantine'), { recursive: true });
        await rename(final, join(this.root, 'quarantine', `${sha256}.${Date.now()}`)).catch(() => undefined);
      }
    }
    await fsyncDir(dirname(final));
    await unlink(file).catch(() => undefined);
  }

  private async linkOrCopy(from: string, to: string): Promise<void> {
    try {
      await link(from, to);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Some file systems (network mounts) have no hard links; an exclusive copy keeps "never overwrite".
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw e;
      await copyFile(from, to, constants.COPYFILE_EXCL);
      const fh = await open(to, 'r');
      await fh.sync().finally(() => fh.close());
      await chmod(to, 0o440);
    }
  }

  async verifiedPath(sha256: string, opts: { fresh?: boolean } = {}): Promise<string> {
    const path = this.pathOf(sha256);
    const st = await stat(path).catch(() => null);
    if (!st) {
      this.verified.delete(sha256);
      throw new IntegrityError(sha256, null, `the stored file for SHA-256 ${sha256.slice(0, 12)}... is missing`);
    }
    const key = `${st.ino}:${st.size}:${st.ctimeMs}:${st.mtimeMs}`;
    if (!opts.fresh && this.verified.get(sha256) === key) return path;
    const { sha256: actual } = await hashFile(path);
    if (actual !== sha256) {
      this.verified.delete(sha256);
      throw new IntegrityError(sha256, actual, `the stored file no longer matches its SHA-256 (now ${actual.slice(0, 12)}...): it was altered after it was stored`);
    }
    if (this.verified.size > 10_000) this.verified.clear();
    this.verified.set(sha256, key);
    return path;
  }

  async has(sha256: string): Promise<boolean> {
    return (await stat(this.pathOf(sha256)).catch(() => null)) !== null;
  }

  async remove(sha256: string): Promise<void> {
    this.verified.delete(sha256);
    await unlink(this.pathOf(sha256)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
}
