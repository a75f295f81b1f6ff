/**
 * What a file is, decided from its first bytes. A name or a declared type is whatever the sender's
 * phone or a renamer says; the bytes are what a player would open, so only they decide.
 */
export type MediaKind = 'photo' | 'video';

export interface Sniffed {
  contentType: string;
  kind: MediaKind;
  /** A short human name for messages ("JPEG photo", "MP4 video"). */
  label: string;
}

export type SniffResult = { ok: true; media: Sniffed } | { ok: false; why: string };

/** Bytes needed to recognise every accepted format (an MPEG transport stream shows its second packet at 188). */
export const SNIFF_BYTES = 192;

const ascii = (b: Uint8Array, from: number, len: number) => String.fromCharCode(...b.subarray(from, from + len));
const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);

// ISO base media brands. HEIF/HEIC are still images; the rest are video containers.
const HEIF_BRANDS: Record<string, string> = { heic: 'image/heic', heix: 'image/heic', heim: 'image/heic', heis: 'image/heic', hevc: 'image/heic-sequence', hevx: 'image/heic-sequence', mif1: 'image/heif', msf1: 'image/heif-sequence', avif: 'image/avif' };
const QUICKTIME_BRANDS = new Set(['qt  ']);
const THREE_GP = /^3g[p2]/;

function isoBrand(b: Uint8Array): Sniffed | null {
  if (b.length < 12 || ascii(b, 4, 4) !== 'ftyp') return null;
  const brand = ascii(b, 8, 4);
  const heif = HEIF_BRANDS[brand];
  if (heif) return { contentType: heif, kind: 'photo', label: brand === 'avif' ? 'AVIF photo' : 'HEIC photo' };
  if (QUICKTIME_BRANDS.has(brand)) return { contentType: 'video/quicktime', kind: 'video', label: 'QuickTime (MOV) video' };
  if (THREE_GP.test(brand)) return { contentType: 'video/3gpp', kind: 'video', label: '3GP video' };
  // isom, iso2..iso9, mp41, mp42, avc1, M4V, dash, MSNV, f4v and the like: all MP4.
  if (/^[\x20-\x7e]{4}$/.test(brand)) return { contentType: 'video/mp4', kind: 'video', label: 'MP4 video' };
  return null;
}

function ebml(b: Uint8Array): Sniffed | null {
  if (!startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return null;
  // The DocType element (0x42 0x82) names the flavour of Matroska within the first bytes.
  const head = ascii(b, 0, Math.min(b.length, 64));
  if (head.includes('webm')) return { contentType: 'video/webm', kind: 'video', label: 'WebM video' };
  if (head.includes('matroska')) return { contentType: 'video/x-matroska', kind: 'video', label: 'Matroska (MKV) video' };
  return null;
}

// Recognisable things that are not media, so the refusal can say what the file looks like.
function notMedia(b: Uint8Array): string | null {
  if (startsWith(b, [0x4d, 0x5a])) return 'a Windows program';
  if (startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return 'a Linux program';
  if (startsWith(b, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(b, [0xfe, 0xed, 0xfa, 0xcf])) return 'a Mac program';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive or office document';
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) return 'a PDF document';
  if (startsWith(b, [0x23, 0x21])) return 'a script';
  const text = ascii(b, 0, Math.min(b.length, 16)).trimStart().toLowerCase();
  if (text.startsWith('<!doctype') || text.startsWith('<html') || text.startsWith('<svg') || text.startsWith('<?xml')) return 'a web page or XML document';
  return null;
}

/**
 * Recognises the photo and video formats phones and camera systems produce (JPEG, PNG, HEIC/HEIF,
 * WebP, GIF, MP4, MOV, 3GP, WebM, MKV, AVI, MPEG transport and program streams).
 */
export function sniffMedia(bytes: Uint8Array): SniffResult {
  const b = bytes;
  if (b.length === 0) return { ok: false, why: 'is empty' };
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { ok: true, media: { contentType: 'image/jpeg', kind: 'photo', label: 'JPEG photo' } };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, media: { contentType: 'image/png', kind: 'photo', label: 'PNG image' } };
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return { ok: true, media: { contentType: 'image/gif', kind: 'photo', label: 'GIF image' } };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return { ok: true, media: { contentType: 'image/webp', kind: 'photo', label: 'WebP image' } };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'AVI ') return { ok: true, media: { contentType: 'video/x-msvideo', kind: 'video', label: 'AVI video' } };
  const iso = isoBrand(b);
  if (iso) return { ok: true, media: iso };
  // Older QuickTime files start with a movie or data atom instead of ftyp.
  if (b.length >= 8 && ['moov', 'mdat', 'wide', 'free', 'skip', 'pnot'].includes(ascii(b, 4, 4)) && !notMedia(b)) {
    return { ok: true, media: { contentType: 'video/quicktime', kind: 'video', label: 'QuickTime (MOV) video' } };
  }
  const mkv = ebml(b);
  if (mkv) return { ok: true, media: mkv };
  // MPEG-TS: a sync byte every 188 bytes (two packets seen when the sample is long enough).
  if (b[0] === 0x47 && (b.length < 189 || b[188] === 0x47)) return b.length >= 189 ? { ok: true, media: { contentType: 'video/mp2t', kind: 'video', label: 'MPEG transport stream' } } : { ok: false, why: 'is too short to recognise' };
  if (startsWith(b, [0x00, 0x00, 0x01, 0xba])) return { ok: true, media: { contentType: 'video/mpeg', kind: 'video', label: 'MPEG video' } };
  const looks = notMedia(b);
  if (looks) return { ok: false, why: `is not a photo or video: its content is ${looks}, whatever its name says` };
  if (b.length < 12) return { ok: false, why: 'is too short to be a photo or video' };
  return { ok: false, why: 'is not a photo or video we can accept (JPEG, PNG, HEIC, WebP, GIF, MP4, MOV, 3GP, WebM, MKV, AVI, MPEG)' };
}
