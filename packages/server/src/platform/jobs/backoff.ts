/**
 * Delay before retry number `attempt` (1 = after the first failure): exponential from `baseMs`, capped at `maxMs`,
 * with "equal jitter" (half fixed, half random) so that jobs failing together do not retry together, yet never
 * retry sooner than half the nominal delay.
 */
export function backoffDelayMs(
  attempt: number,
  options: { baseMs: number; maxMs: number },
  random: () => number = Math.random,
): number {
  const nominal = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(nominal / 2 + (nominal / 2) * random());
}

/** The local date (yyyy-mm-dd) and minutes since midnight of `instant` in `timeZone`. */
export function localDateAndMinutes(instant: Date, timeZone: string): { date: string; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

/** "08:30" -> 510; throws on anything else, at composition time. */
export function parseDailyAt(dailyAt: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(dailyAt);
  if (!match) throw new Error(`dailyAt must be HH:MM, got "${dailyAt}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}
