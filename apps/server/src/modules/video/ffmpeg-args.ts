import { join } from 'node:path';

export type StreamKind = 'rtsp' | 'hls' | 'mjpeg';
/** copy: the camera's H.264 passes through untouched (cheap); transcode: re-encoded to H.264. */
export type RelayMode = 'copy' | 'transcode';

/** Segment length: short segments put the picture on screen sooner and keep the delay low. */
export const SEGMENT_SECONDS = 1;
export const PLAYLIST_NAME = 'index.m3u8';
export const SEGMENT_PATTERN = /^seg\d{6,}\.ts$/;

/** The mode to start in: MJPEG must be encoded; RTSP and HLS cameras usually send H.264 already. */
export function initialMode(kind: StreamKind): RelayMode {
  return kind === 'mjpeg' ? 'transcode' : 'copy';
}

/**
 * ffmpeg's command line for one camera: its stream in, HLS out into `dir`, numbering segments
 * from `startNumber` so a restarted relay continues where the last one stopped. Audio is dropped:
 * the RTCC watches, it does not listen (recording conversations is regulated separately).
 */
export function relayArgs(source: { url: string; kind: StreamKind }, mode: RelayMode, dir: string, startNumber: number): string[] {
  const input: string[] = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info'];
  // Probe less than ffmpeg's default: a camera stream has one video track and waiting costs start time.
  input.push('-analyzeduration', '1500000', '-probesize', '1000000');
  // Only network protocols: a stream address (or an HLS playlist behind it) naming file:, pipe: or
  // concat: must never make the relay read the server's own files.
  input.push('-protocol_whitelist', source.kind === 'rtsp' ? 'rtsp,rtsps,rtp,srtp,udp,tcp,tls' : 'http,https,tcp,tls,crypto');
  if (source.kind === 'rtsp') input.push('-rtsp_transport', 'tcp');
  // MJPEG over HTTP carries no timestamps: take them from arrival so playback runs at real speed.
  if (source.kind === 'mjpeg') input.push('-use_wallclock_as_timestamps', '1', '-f', 'mpjpeg');
  input.push('-i', source.url, '-map', '0:v:0', '-an', '-sn', '-dn');
  const video =
    mode === 'copy'
      ? ['-c:v', 'copy']
      : [
          '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
          '-vf', "scale='min(1280,iw)':-2", '-r', '15', '-crf', '26', '-maxrate', '2M', '-bufsize', '4M',
          // A key frame every segment, so each segment can start playback.
          '-force_key_frames', `expr:gte(t,n_forced*${SEGMENT_SECONDS})`,
        ];
  const output = [
    '-f', 'hls',
    '-hls_time', String(SEGMENT_SECONDS),
    '-hls_list_size', '6',
    '-hls_flags', 'delete_segments+omit_endlist+discont_start+temp_file',
    '-start_number', String(startNumber),
    '-hls_segment_filename', join(dir, 'seg%06d.ts'),
    join(dir, PLAYLIST_NAME),
  ];
  return [...input, ...video, ...output];
}

/** The codec of the input's video, from ffmpeg's log ("Stream #0:0: Video: h264 (...)"). */
export function videoCodecIn(line: string): string | null {
  const m = /Stream #0:\d+.*?: Video: ([a-z0-9_]+)/.exec(line);
  return m ? m[1]! : null;
}
