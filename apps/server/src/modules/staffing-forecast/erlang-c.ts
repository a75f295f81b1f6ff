// Erlang C, computed through the Erlang B recursion: every step is a ratio below 1, so there are no
// factorials or powers to overflow, even for hundreds of servers.

/** Probability that a call is blocked with `servers` lines and `traffic` erlangs offered (Erlang B). */
export function erlangB(servers: number, traffic: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (traffic * b) / (k + traffic * b);
  return b;
}

/** Probability that a call has to wait (Erlang C); 1 when the servers cannot keep up at all. */
export function erlangC(servers: number, traffic: number): number {
  if (traffic <= 0) return 0;
  if (servers <= traffic) return 1;
  const b = erlangB(servers, traffic);
  return (servers * b) / (servers - traffic * (1 - b));
}

/** Share of calls answered within `targetSeconds`, with exponential handling times. */
export function serviceLevel(servers: number, traffic: number, ahtSeconds: number, targetSeconds: number): number {
  if (traffic <= 0) return 1;
  if (servers <= traffic) return 0;
  return 1 - erlangC(servers, traffic) * Math.exp((-(servers - traffic) * targetSeconds) / ahtSeconds);
}

/** The fewest call-takers that answer `goal` of calls within `targetSeconds` (0 when no calls come). */
export function callTakersNeeded(callsPerHour: number, ahtSeconds: number, targetSeconds = 15, goal = 0.9): number {
  const traffic = (callsPerHour * ahtSeconds) / 3600;
  if (traffic <= 0) return 0;
  let n = Math.floor(traffic) + 1;
  while (serviceLevel(n, traffic, ahtSeconds, targetSeconds) < goal) n++;
  return n;
}
