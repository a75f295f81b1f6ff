
import { invalid } from '../../errors/app-error';
import { densityGrid, ringsBbox } from './annual-report-density';
import { annualReportHtml } from './annual-report-html';
import type { AnnualFigures, AnnualReportData } from './annual-report-model';
import { annualReportPdf } from './annual-report-pdf';
import { datasetInfo, jurisdictionOutline, positionExtent, yearFilter, yearVolumes, type DensityGrid, type ReportScope } from './annual-report.queries';
import type { StatsContext } from './statistics-context';
import { answerTimes, intervalSummaries } from './statistics.queries';

export type AnnualReportFormat = 'pdf' | 'html';

export interface AnnualReportOptions {
  year: number;
  /** 'live' (default), 'all' (live records and every imported dataset), or one dataset's code. */
  dataset?: string;
  /** One agency's report instead of the centre's. */
  agency?: string;
  /** Standards profile ids to judge by, comma-separated; default: every profile in force. */
  standards?: string;
  /** The name on the cover; null: after the loaded jurisdiction. */
  centreName?: string | null;
  /** When the report says it was prepared (the scheduler's or the command's clock). */
  now: Date;
}

const MIN_YEAR = 1970;

async function yearFigures(sc: StatsContext, year: number, scope: ReportScope, grid: DensityGrid | null): Promise<AnnualFigures> {
  const filter = yearFilter(year, scope);
  const [volumes, answer, intervals] = await Promise.all([yearVolumes(sc, { year, scope, grid }), answerTimes(sc, filter), intervalSummaries(sc, filter)]);
  return { year, volumes, answer, intervals };
}

/**
 * Gathers everything the report shows: the year and the one before from the statistics engine
 * (one definition of every interval for the dashboard, the CLI and this report), counts and density
 * cells in one pass per year, the jurisdiction's outline for the map.
 */
export async function annualReportData(sc: StatsContext, opts: AnnualReportOptions): Promise<AnnualReportData> {
  const maxYear = opts.now.getUTCFullYear() + 1;
  if (!Number.isInteger(opts.year) || opts.year < MIN_YEAR || opts.year > maxYear) throw invalid('year', `must be a year between ${MIN_YEAR} and ${maxYear}, e.g. ${opts.now.getUTCFullYear() - 1}`);
  const dataset = opts.dataset ?? 'live';
  const scope: ReportScope = { dataset, agency: opts.agency, standards: opts.standards };
  const ids = opts.standards?.split(',').map((x) => x.trim()).filter(Boolean);
  const profiles = ids?.length ? sc.standards.filter((p) => ids.includes(p.id)) : sc.standards;
  const outline = await jurisdictionOutline(sc.pool);
  const bbox = ringsBbox(outline.rings);
  let area = outline.name ? `the ${outline.name} jurisdiction` : 'the jurisdiction';
  let rings = outline.rings;
  let grid = bbox ? densityGrid(bbox) : null;
  if (!grid) {
    // No boundary loaded: the map covers where the year's incidents are (a sort of positions, cheaper than a second count).
    const extent = await positionExtent(sc, { year: opts.year, scope });
    if (extent && extent[2] > extent[0] && extent[3] > extent[1]) grid = densityGrid(extent);
    area = 'the area where most of the year\'s incidents were';
  }
  let current = await yearFigures(sc, opts.year, scope, grid);
  // Imported history may come from somewhere other than the loaded map: then the map is drawn
  // over where the year's incidents are, without a boundary that would not be theirs.
  if (bbox && current.volumes.located > 0 && current.volumes.inGrid < current.volumes.located / 2) {
    const extent = await positionExtent(sc, { year: opts.year, scope });
    if (extent && extent[2] > extent[0] && extent[3] > extent[1]) {
      grid = densityGrid(extent);
      area = 'the area where most of the year\'s incidents were (no jurisdiction boundary covers it)';
      rings = [];
      current = { ...current, volumes: await yearVolumes(sc, { year: opts.year, scope, grid }) };
    }
  }
  const previous = await yearFigures(sc, opts.year - 1, scope, null);
  const used = new Set([...current.volumes.byDataset, ...previous.volumes.byDataset].map((r) => r.key).filter((k) => k !== 'live'));
  const { rows } = dataset === 'live' ? { rows: [] } : await sc.pool.query<{ dataset: string }>(
    `SELECT DISTINCT dataset FROM stat_calls WHERE presented_at >= make_timestamptz($1, 1, 1, 0, 0, 0, $2) AND presented_at < make_timestamptz($1 + 1, 1, 1, 0, 0, 0, $2) AND ($3 = 'all' OR dataset = $3)`,
    [opts.year, sc.timeZone, dataset],
  );
  for (const r of rows) used.add(r.dataset);
  const centreName = opts.centreName ?? (outline.name ? `${outline.name} 9-1-1 Communications Center` : '9-1-1 Communications Center');
  return {
    centreName,
    year: opts.year,
    timeZone: sc.timeZone,
    generatedAt: opts.now,
    dataset,
    datasets: await datasetInfo(sc.pool, [...used]),
    current,
    previous,
    profiles,
    agency: opts.agency ?? null,
    map: grid && current.volumes.located > 0 ? { grid, outline: rings, area } : null,
  };
}

/** The report as a file: PDF bytes or one HTML page. */
export async function annualReport(sc: StatsContext, opts: AnnualReportOptions, format: AnnualReportFormat): Promise<Buffer> {
  const data = await annualReportData(sc, opts);
  return format === 'pdf' ? annualReportPdf(data) : Buffer.from(annualReportHtml(data), 'utf8');
}


