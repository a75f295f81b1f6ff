/** Positional parameters collected while a statement is assembled, so no value is ever spliced in. */
export class SqlParams {
  readonly values: unknown[] = [];
  p(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Seconds from `a` to `b` as a double; null when either is missing, negative when b is before a. */
export const seconds = (a: string, b: string) => `date_part('epoch', ${b} - ${a})`;
