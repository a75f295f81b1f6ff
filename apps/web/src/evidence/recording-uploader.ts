import type { UploadState } from '@openpsap/contract';
import { sendChunks } from '../witness/chunked-upload';
import { completeRecording, recordingUrl, startRecording } from './evidence-api';

/**
 * Records a live video at the console (MediaRecorder, WebM) and uploads it as it is recorded, in
 * order, resuming after network drops; on finish the server hashes it and files it as evidence.
 */
export class LiveRecording {
  private recorder: MediaRecorder | null = null;
  private key: string | null = null;
  private parts: Blob[] = [];
  /** Bytes of `parts` before the first kept part (already uploaded and let go). */
  private base = 0;
  private uploaded = 0;
  private pumping: Promise<void> = Promise.resolve();
  private failed: Error | null = null;

  constructor(
    private readonly sessionId: number,
    private readonly onProgress: (bytes: number) => void,
  ) {}

  async start(stream: MediaStream): Promise<void> {
    const started = await startRecording(this.sessionId);
    this.key = started.key;
    const mimeType = ['video/webm;codecs=vp8', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t));
    const rec = new MediaRecorder(stream, mimeType ? { mimeType } : {});
    this.recorder = rec;
    rec.ondataavailable = (e) => {
      if (e.data.size > 0) {
        this.parts.push(e.data);
        this.pump();
      }
    };
    rec.start(2000);
  }

  private pump(): void {
    this.pumping = this.pumping.then(async () => {
      if (!this.key || this.failed) return;
      const all = new Blob(this.parts);
      if (this.base + all.size <= this.uploaded) return;
      try {
        const state = await sendChunks({ url: recordingUrl(this.sessionId, this.key) }, all, this.uploaded - this.base, () => undefined, { base: this.base });
        this.uploaded = state.offset;
        this.onProgress(this.uploaded);
        // Let go of what the server has.
        while (this.parts.length && this.base + this.parts[0]!.size <= this.uploaded) this.base += this.parts.shift()!.size;
      } catch (e) {
        this.failed = e as Error;
      }
    });
  }

  get recording(): boolean {
    return this.recorder?.state === 'recording';
  }

  /** Stops recording, sends what is left and files the recording; answers its evidence record. */
  async finish(): Promise<UploadState | null> {
    const rec = this.recorder;
    if (!rec || !this.key) return null;
    if (rec.state !== 'inactive') {
      const stopped = new Promise<void>((r) => rec.addEventListener('stop', () => r(), { once: true }));
      rec.stop();
      await stopped;
    }
    this.pump();
    await this.pumping;
    if (this.failed) throw this.failed;
    if (this.uploaded === 0) return null;
    return completeRecording(this.sessionId, this.key);
  }
}
