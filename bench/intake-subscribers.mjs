// Worker thread for bench/intake.ts (plain JavaScript: worker threads do not inherit the TypeScript loader): holds the WebSocket subscribers so that parsing their
// messages does not delay the thread that sends requests and times acknowledgements.
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

const { url, cookie, count } = workerData;
const now = () => performance.timeOrigin + performance.now();
// seq -> [subscribers that have it, when the last one got it]
const arrivals = new Map();
let caughtUp = 0;

for (let i = 0; i < count; i++) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/api/v1/stream`, { headers: { cookie } });
  ws.on('message', (raw) => {
    // The first bytes say what the message is; the seq sits early in an event: no full parse needed.
    if (raw[9] === 0x63 /* c of caught-up */ && raw.toString('latin1', 0, 20).startsWith('{"type":"caught-up"')) {
      if (++caughtUp === count) parentPort.postMessage({ type: 'ready' });
      return;
    }
    const head = raw.toString('latin1', 0, 40);
    if (!head.startsWith('{"type":"event"')) return;
    const m = /"seq":(\d+)/.exec(head);
    if (!m) return;
    const seq = Number(m[1]);
    const t = now();
    const a = arrivals.get(seq);
    if (a) {
      a[0]++;
      a[1] = t;
    } else arrivals.set(seq, [1, t]);
  });
  ws.on('error', (e) => parentPort.postMessage({ type: 'error', message: e.message }));
}

parentPort.on('message', (m) => {
  if (m.type === 'report') parentPort.postMessage({ type: 'report', arrivals: [...arrivals] });
});
