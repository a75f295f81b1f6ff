// Preloaded into the server by `BENCH_SERVER_PRELOAD=bench/event-loop-lag.mjs npm run bench -- intake`:
// prints the server's event-loop delay and memory every 3 s, to tell a blocked loop from waiting on the database.
import { monitorEventLoopDelay } from 'node:perf_hooks';
const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
setInterval(() => {
  const m = process.memoryUsage();
  process.stderr.write(`[lag] p50 ${(h.percentile(50)/1e6).toFixed(1)}ms p99 ${(h.percentile(99)/1e6).toFixed(1)}ms max ${(h.max/1e6).toFixed(1)}ms heap ${(m.heapUsed/1e6).toFixed(0)}MB rss ${(m.rss/1e6).toFixed(0)}MB\n`);
  h.reset();
}, 3000).unref();
