import { accessSync, chmodSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The ffmpeg the relay runs: the configured one, else the binary shipped inside the npm package
 * @ffmpeg-installer/linux-x64 (so `npm start` needs no system package), else `ffmpeg` on the PATH
 * (Debian's ffmpeg). npm may skip the package's chmod script, so the bit is set here when missing.
 */
export function findFfmpeg(configured: string | null): string {
  if (configured) return configured;
  try {
    const bin = join(dirname(require.resolve('@ffmpeg-installer/linux-x64/package.json')), 'ffmpeg');
    if (existsSync(bin)) {
      try {
        accessSync(bin, constants.X_OK);
      } catch {
        chmodSync(bin, 0o755);
      }
      return bin;
    }
  } catch {
    // not installed (another platform, or an install without optional packages)
  }
  return 'ffmpeg';
}
