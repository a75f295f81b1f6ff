/** Where time comes from: the real clock in production, a controllable one in tests of schedules. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand, to run days of a schedule in seconds (across DST changes too). */
export class ManualClock implements Clock {
  constructor(private t: Date) {}
  now(): Date {
    return new Date(this.t);
  }
  set(t: Date): void {
    this.t = new Date(t);
  }
  advance(ms: number): Date {
    this.t = new Date(this.t.getTime() + ms);
    return this.now();
  }
}
