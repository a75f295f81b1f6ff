/** What a PDF needs to embed a JPEG as-is: its size and colour components. */
export interface JpegInfo {
  width: number;
  height: number;
  components: 1 | 3 | 4;
}

/**
 * Reads a JPEG's frame header. Returns null for anything that is not a well-formed JPEG, so an
 * upload claiming to be a picture but holding something else is refused rather than stored.
 */
export function jpegInfo(buf: Buffer): JpegInfo | null {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) return null;
  let i = 2;
  while (i + 4 <= buf.length) {
    if (buf[i] !== 0xff) return null;
    const marker = buf[i + 1]!;
    // Fill bytes and markers without a length.
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const len = buf.readUInt16BE(i + 2);
    if (len < 2 || i + 2 + len > buf.length) return null;
    // Start-of-frame markers (C0-CF except DHT C4, JPG C8, DAC CC) carry the dimensions.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (len < 8) return null;
      const height = buf.readUInt16BE(i + 5);
      const width = buf.readUInt16BE(i + 7);
      const components = buf[i + 9]!;
      if (!width || !height || (components !== 1 && components !== 3 && components !== 4)) return null;
      return { width, height, components };
    }
    if (marker === 0xda) return null; // scan data before any frame header
    i += 2 + len;
  }
  return null;
}
