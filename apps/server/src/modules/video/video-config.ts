import { z } from 'zod';

/** The live-video relay of the RTCC. */
export interface VideoSettings {
  /** The ffmpeg binary; null = the one in the npm package @ffmpeg-installer/linux-x64, else `ffmpeg` on the PATH. */
  ffmpegPath: string | null;
  /** Cameras relayed at once (one ffmpeg each, however many watch it); more are refused politely. */
  maxStreams: number;
  /** How long a relay outlives its last viewer, so a tile reopened at once starts at once. */
  idleSeconds: number;
  /** A view not heard from (heartbeat or playlist fetch) for this long is closed as abandoned. */
  viewTimeoutSeconds: number;
}

const whole = (name: string, min: number, max: number, dflt: number) =>
  z.coerce.number({ error: `${name} must be a whole number` }).int(`${name} must be a whole number`).min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`).default(dflt);

/** The environment variables of the video relay, merged into the server's configuration source. */
export const VIDEO_ENV = {
  PSAP_FFMPEG: z.string().min(1, 'PSAP_FFMPEG must name the ffmpeg binary').optional(),
  PSAP_VIDEO_MAX_STREAMS: whole('PSAP_VIDEO_MAX_STREAMS', 1, 256, 6),
  PSAP_VIDEO_IDLE_SECONDS: whole('PSAP_VIDEO_IDLE_SECONDS', 0, 600, 10),
  PSAP_VIDEO_VIEW_TIMEOUT_SECONDS: whole('PSAP_VIDEO_VIEW_TIMEOUT_SECONDS', 5, 3600, 30),
};

const VideoEnvSchema = z.object(VIDEO_ENV);
type VideoEnv = z.infer<typeof VideoEnvSchema>;

export function videoSettings(c: VideoEnv): VideoSettings {
  return {
    ffmpegPath: c.PSAP_FFMPEG ?? null,
    maxStreams: c.PSAP_VIDEO_MAX_STREAMS,
    idleSeconds: c.PSAP_VIDEO_IDLE_SECONDS,
    viewTimeoutSeconds: c.PSAP_VIDEO_VIEW_TIMEOUT_SECONDS,
  };
}
