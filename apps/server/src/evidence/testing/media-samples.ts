import { randomBytes } from 'node:crypto';

/** A buffer that starts like a JPEG photo, followed by `size` random bytes. */
export function jpegLike(size = 4000): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), randomBytes(size)]);
}

/** A buffer that starts like an MP4 video (an ftyp box with brand isom). */
export function mp4Like(size = 100_000): Buffer {
  const ftyp = Buffer.from([0x00, 0x00, 0x00, 0x20, ...Buffer.from('ftypisom'), 0x00, 0x00, 0x02, 0x00, ...Buffer.from('isomiso2avc1mp41')]);
  return Buffer.concat([ftyp, randomBytes(size)]);
}

/** A Windows program's first bytes (MZ header), as a renamed .exe would carry. */
export function exeLike(size = 5000): Buffer {
  const head = Buffer.alloc(256);
  head.write('MZ', 0, 'latin1');
  head.write('This program cannot be run in DOS mode.', 78, 'latin1');
  return Buffer.concat([head, randomBytes(size)]);
}

/** A buffer that starts like a WebM recording (EBML header with doc type "webm"). */
export function webmLike(size = 20_000): Buffer {
  const ebml = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0x82, 0x84, ...Buffer.from('webm'), 0x42, 0x87, 0x81, 0x04]);
  return Buffer.concat([ebml, randomBytes(size)]);
}
