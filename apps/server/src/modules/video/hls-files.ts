import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError, notFound } from '../../errors/app-error';
import type { RelayStream } from './relay-stream';

/** How long a player's first playlist request may wait for the camera's first segment. */
export const FIRST_SEGMENT_WAIT_MS = 15_000;

/**
 * The relay's HLS playlist for one viewer, waiting for the first segment of a relay that has just
 * started. `stillAllowed` is asked again after the wait, since the view may have ended meanwhile.
 * Only file names go out: segments are fetched beside the playlist, under the viewer's address.
 */
export async function relayPlaylist(stream: RelayStream | null, stillAllowed: () => void): Promise<string> {
  if (!stream) throw new AppError(503, 'unavailable', 'the relay for this camera is not running');
  const ok = await stream.waitPlayable(FIRST_SEGMENT_WAIT_MS);
  stillAllowed();
  if (!ok) throw new AppError(503, 'unavailable', `no video from the camera yet${stream.detail ? `: ${stream.detail}` : ''}`);
  const text = await stream.playlist();
  if (!text) throw new AppError(503, 'unavailable', 'no video from the camera yet');
  return text
    .split('\n')
    .map((l) => (l && !l.startsWith('#') ? basename(l.trim()) : l))
    .join('\n');
}

/** One segment of the relay, by its file name (anything else is "not found"). */
export async function relaySegment(stream: RelayStream | null, name: string): Promise<Buffer> {
  const path = stream?.segmentPath(name);
  if (!path) throw notFound(`segment ${name}`);
  try {
    return await readFile(path);
  } catch {
    throw notFound(`segment ${name}`);
  }
}
