import type pg from 'pg';
import type { Forecast } from '@openpsap/contract';
import { invalid } from '../../errors/app-error';
import { addDays, dayNumber } from '../rosters/roster-dates';
import { computeRoster, countsPerHour, hoursBetween } from '../rosters/roster-assignments';
import { loadRosterState } from '../rosters/roster-state';
import { arrivalHistory } from './call-arrivals';
import { callTakersNeeded } from './erlang-c';

export const TARGET = { percent: 90, seconds: 15 };

export interface ForecastRequest { dataset: string; from: string; to: string; rosterFrom: string; rosterTo: string; ahtSeconds?: number }

/**
 * Call-takers needed each hour of the week to answer 90% of calls within 15 s (Erlang C on the
 * history's arrivals and handling time), set against the call-takers the roster has on shift each
 * hour of the roster period.
 */
export async function staffingForecast(pool: pg.Pool, req: ForecastRequest, timeZone: string): Promise<Forecast> {
  if (req.to < req.from) throw invalid('to', 'must not be before from');
  if (dayNumber(req.to) - dayNumber(req.from) > 3 * 366) throw invalid('from', 'history of at most three years');
  if (req.rosterTo < req.rosterFrom) throw invalid('rosterTo', 'must not be before rosterFrom');
  if (dayNumber(req.rosterTo) - dayNumber(req.rosterFrom) > 366) throw invalid('rosterTo', 'a roster period of at most a year');
  const history = await arrivalHistory(pool, req.dataset, req.from, req.to, timeZone);
  const state = await loadRosterState(pool, req.rosterFrom, req.rosterTo);
  const ahtSource = req.ahtSeconds === undefined && history.ahtSeconds !== null ? 'calls' : 'configured';
  const ahtSeconds = req.ahtSeconds ?? history.ahtSeconds ?? state.settings.ahtSeconds;
  const hourOfWeek = history.perHourOfWeek.map((callsPerHour, i) => ({
    day: Math.floor(i / 24) + 1,
    hour: i % 24,
    callsPerHour: Math.round(callsPerHour * 100) / 100,
    erlangs: Math.round(((callsPerHour * ahtSeconds) / 3600) * 1000) / 1000,
    needed: callTakersNeeded(callsPerHour, ahtSeconds, TARGET.seconds, TARGET.percent / 100),
  }));
  // Shifts starting the day before the period can reach into its first morning.
  const roster = computeRoster(state, addDays(req.rosterFrom, -1), req.rosterTo, timeZone);
  const hours = hoursBetween(req.rosterFrom, req.rosterTo, timeZone);
  const callTakers = countsPerHour(roster.shifts, hours).get('call-taker')!;
  const rows = hours.map((h, i) => {
    const needed = hourOfWeek[(h.weekday - 1) * 24 + h.hour]!.needed;
    const scheduled = callTakers[i]!;
    return { date: h.date, hour: h.hour, start: h.at.toISOString(), needed, scheduled, shortfall: Math.max(0, needed - scheduled) };
  });
  return {
    dataset: req.dataset,
    timeZone: history.timeZone,
    history: { from: req.from, to: req.to, calls: history.calls, weeks: history.weeks },
    ahtSeconds,
    ahtSource,
    target: TARGET,
    hourOfWeek,
    roster: { from: req.rosterFrom, to: req.rosterTo },
    hours: rows,
    shortHours: rows.filter((r) => r.shortfall > 0).length,
  };
}
