import { verifyAuditChain } from '../../audit/verify-chain';
import { withDatabase } from '../cli-context';
import type { Command } from '../command';

export const auditVerifyCommand: Command = {
  path: ['audit', 'verify'],
  summary: 'check the audit log hash chain; exits 1 and names the first bad row if any row was altered',
  usage: 'psap audit verify [--json]',
  options: { json: { type: 'boolean' } },
  flagHelp: [['--json', 'print the report as JSON']],
  async run({ values }) {
    const report = await withDatabase((db) => verifyAuditChain(db.pool));
    if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else if (report.ok) process.stdout.write(`audit chain intact: ${report.rows} rows, head ${report.head}\n`);
    else process.stdout.write(`audit chain BROKEN at row ${report.firstBad!.seq}: ${report.firstBad!.reason} (${report.rows} rows verified before it)\n`);
    return report.ok ? 0 : 1;
  },
};
