import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../../test/helpers/test-server';

let t: TestServer;
beforeAll(async () => {
  t = await createTestServer();
});
afterAll(() => t.close());

it('answers every route', async () => {
  const sup = await t.as('supervisor');
  const ct = await t.as('call-taker');
  await ct.post('/api/v1/calls', { source: '911', presentedAt: new Date(Date.now() - 30_000).toISOString(), answeredAt: new Date(Date.now() - 20_000).toISOString() });
  const inc = await ct.post('/api/v1/incidents', { type: 'FSTRU', location: { text: '100 N Holliday St', lat: 39.2912, lon: -76.6104 } });
  expect(inc.status).toBe(201);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
  for (const path of ['intervals', 'answer-times', 'volumes?by=hour', 'volumes?by=type', 'percentiles?interval=response&by=agency', 'percentiles?interval=first-alarm-travel&by=zone', 'utilisation', 'workload?purpose=smoke']) {
    const r = await sup.get(`/api/v1/statistics/${path}${path.includes('?') ? '&' : '?'}from=${today}&to=${today}&dataset=all`);
    expect(r.status, `${path} ${JSON.stringify(r.body)}`).toBe(200);
    console.log(path, JSON.stringify(r.body).slice(0, 600));
  }
});
