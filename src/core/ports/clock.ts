/** The source of "now" for all time-dependent decisions, so tests can inject time. */
export interface Clock {
  now(): Date;
}
