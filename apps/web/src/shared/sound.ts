// Alert tones made with WebAudio: no sound files to ship, and the browser allows them after the
// user's first interaction (signing in counts).
let ctx: AudioContext | null = null;

function audio(): AudioContext | null {
  try {
    ctx ??= new AudioContext();
    if (ctx.state === 'suspended') void ctx.resume();
    return ctx;
  } catch {
    return null;
  }
}

function tone(freq: number, start: number, duration: number, gain = 0.15): void {
  const a = audio();
  if (!a) return;
  const o = a.createOscillator();
  const g = a.createGain();
  o.frequency.value = freq;
  o.type = 'sine';
  g.gain.setValueAtTime(gain, a.currentTime + start);
  g.gain.exponentialRampToValueAtTime(0.0001, a.currentTime + start + duration);
  o.connect(g).connect(a.destination);
  o.start(a.currentTime + start);
  o.stop(a.currentTime + start + duration + 0.05);
}

/** Two rising tones: something needs attention (a timer ran out). */
export function alertTone(): void {
  tone(660, 0, 0.18);
  tone(880, 0.22, 0.25);
}

/** Three quick high tones: a new dispatch for this unit. */
export function dispatchTone(): void {
  tone(988, 0, 0.12, 0.2);
  tone(988, 0.16, 0.12, 0.2);
  tone(1319, 0.32, 0.3, 0.2);
}
