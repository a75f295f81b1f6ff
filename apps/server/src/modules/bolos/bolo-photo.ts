import { BOLO_PHOTO_MAX_BYTES, type BoloPhotoBody } from '@openpsap/contract';
import { invalid } from '../../errors/app-error';
import { jpegInfo } from '../../pdf/jpeg-info';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Decodes an uploaded picture and decides its type from its bytes, not from what the sender
 * claimed: a unit's screen shows it, so anything that is not a readable JPEG or PNG is refused.
 */
export function decodeBoloPhoto(photo: NonNullable<BoloPhotoBody['photo']>, field = 'photo'): { data: Buffer; type: 'image/jpeg' | 'image/png' } {
  const data = Buffer.from(photo.data, 'base64');
  if (data.length === 0) throw invalid(field, 'is empty');
  if (data.length > BOLO_PHOTO_MAX_BYTES) throw invalid(field, `the picture is too large (at most ${BOLO_PHOTO_MAX_BYTES / 1_000_000} MB)`);
  if (jpegInfo(data)) return { data, type: 'image/jpeg' };
  const png = PNG_SIGNATURE.every((b, i) => data[i] === b) && data.length > 24 && data.toString('latin1', 12, 16) === 'IHDR';
  if (png) return { data, type: 'image/png' };
  throw invalid(field, 'is not a readable JPEG or PNG picture');
}
