import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blockingDirectory } from './postgres-reach';

// A user that owns nothing here and is in no group that does: only the "other" bits apply to it.
const stranger = { uid: 54321, gid: 54321 };
const base = mkdtempSync(join(tmpdir(), 'psap-reach-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('blockingDirectory', () => {
  it('names the private ancestor that stops another user on the way to a path', () => {
    const priv = join(base, 'private');
    mkdirSync(join(priv, 'repo', 'var'), { recursive: true });
    chmodSync(base, 0o755);
    chmodSync(priv, 0o700);
    expect(blockingDirectory(join(priv, 'repo', 'var'), stranger)).toBe(priv);
  });

  it('finds none when every step is open to others, and ignores steps not created yet', () => {
    const open = join(base, 'open');
    mkdirSync(join(open, 'repo'), { recursive: true });
    chmodSync(open, 0o711);
    chmodSync(join(open, 'repo'), 0o755);
    expect(blockingDirectory(join(open, 'repo', 'var', 'pg'), stranger)).toBeNull();
  });

  it('uses the owner bits for the owning user', () => {
    const mine = join(base, 'mine');
    mkdirSync(mine);
    chmodSync(mine, 0o700);
    expect(blockingDirectory(mine, { uid: process.getuid!(), gid: 99999 })).toBeNull();
  });
});
