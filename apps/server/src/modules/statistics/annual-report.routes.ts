import { z } from 'zod';
import type { AppContext } from '../../http/app-context';
import type { Api } from '../../http/route-types';
import { annualReport } from './annual-report';
import { statsContext } from './statistics-context';

const AnnualReportQuery = z
  .object({
    year: z.coerce.number({ error: 'must be a year, e.g. 2025' }).int('must be a whole year, e.g. 2025').min(1970, 'must be 1970 or later').max(9999, 'must be a four-digit year'),
    format: z.enum(['pdf', 'html'], { error: 'must be pdf or html' }).default('pdf'),
    dataset: z.string().trim().min(1).max(40).optional(),
    agency: z.string().trim().min(1).max(64).optional(),
    standards: z.string().trim().min(1).max(400).optional(),
  })
  .strict();

/** The annual report for download: the same document `psap report annual` writes. */
export function registerAnnualReportRoutes(api: Api, ctx: AppContext): void {
  const sc = statsContext(ctx.db.pool, ctx.config.timeZone);
  api.get(
    '/api/v1/statistics/annual-report',
    {
      schema: { tags: ['statistics'], summary: 'The annual report (PDF or HTML): volumes, NENA answer times, NFPA intervals, trends, density map', querystring: AnnualReportQuery },
      config: { access: { permission: 'statistics.read' } },
    },
    async (req, reply) => {
      const { year, format, dataset, agency, standards } = req.query;
      const file = await annualReport(sc, { year, dataset, agency, standards, centreName: ctx.config.alerts.centreName, now: ctx.clock.now() }, format);
      const name = `annual-report-${year}${agency ? `-${agency.replace(/[^A-Za-z0-9-]/g, '')}` : ''}.${format}`;
      return reply
        .type(format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(file);
    },
  );
}
