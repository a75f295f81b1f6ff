import type { StatsContext } from './statistics-context';

export interface DatasetInfo {
  code: string;
  name: string;
  imported: boolean;
  rows: number | null;
  importedAt: string | null;
}

/** The sources a filter may name: live records, every imported dataset, and 'all'. */
export async function listDatasets(sc: StatsContext): Promise<DatasetInfo[]> {
  const { rows } = await sc.pool.query<{ code: string; name: string; rows_imported: number; imported_at: Date }>(
    'SELECT code, name, rows_imported, imported_at FROM stat_datasets ORDER BY code',
  );
  return [
    { code: 'live', name: "This centre's own records", imported: false, rows: null, importedAt: null },
    ...rows.map((r) => ({ code: r.code, name: r.name, imported: true, rows: r.rows_imported, importedAt: r.imported_at.toISOString() })),
    { code: 'all', name: 'Live records and every imported dataset', imported: false, rows: null, importedAt: null },
  ];
}
