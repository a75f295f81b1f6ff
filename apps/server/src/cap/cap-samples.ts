/**
 * Sample alerts of the four kinds the centre issues, complete against the IPAWS profile:
 *
 *   sampleCapAlert(kind: 'amber' | 'silver' | 'blue' | 'local', sent = new Date()): CapAlert
 *
 * Used by the tests (each is written, checked and validated with xmllint) and as a reference
 * for what a finished alert looks like. Names, places and plates are invented.
 */
import type { CapAlert, CapInfo } from './cap-model';
import { capTime } from './cap-writer';

export type SampleKind = 'amber' | 'silver' | 'blue' | 'local';

const AREA = {
  areaDesc: 'Fairfax County, Virginia',
  polygon: ['38.90,-77.40 38.95,-77.20 38.80,-77.10 38.70,-77.30 38.90,-77.40'],
  circle: ['38.85,-77.25 10'],
  geocode: [{ valueName: 'SAME', value: '051059' }],
};

export function sampleCapAlert(kind: SampleKind, sent = new Date(Date.UTC(2026, 10, 21, 15, 0, 0))): CapAlert {
  const expires = capTime(new Date(sent.getTime() + 6 * 3600_000), -300);
  const base = (over: Partial<CapInfo> & Pick<CapInfo, 'event' | 'category'>, same: string, cmam: string, long: string): CapInfo => ({
    language: 'en-US',
    responseType: ['Monitor'],
    urgency: 'Immediate',
    severity: 'Severe',
    certainty: 'Likely',
    eventCode: [{ valueName: 'SAME', value: same }],
    expires,
    senderName: 'Fairfax County Emergency Communications Center',
    contact: 'Call 9-1-1 with any information',
    parameter: [
      { valueName: 'CMAMtext', value: cmam },
      { valueName: 'CMAMlongtext', value: long },
    ],
    resource: [],
    area: [structuredClone(AREA)],
    ...over,
  });
  const info: Record<SampleKind, CapInfo> = {
    amber: base(
      { event: 'Child Abduction Emergency', category: ['Rescue'], headline: 'AMBER Alert: Maya Doe, 7, taken in Fairfax', description: 'Maya Doe, 7, 4 ft, brown hair, red coat. Suspect vehicle: blue 2012 Honda Civic, VA plate ABC-1234 (invented).', instruction: 'If you see the child or vehicle, call 9-1-1. Do not approach.' },
      'CAE',
      'AMBER Alert: Fairfax VA. Child 7, red coat. Blue Honda Civic VA ABC-1234. Call 911.',
      'AMBER Alert in Fairfax County, VA. Maya Doe, 7, 4 ft, brown hair, red coat, taken at 10:40 AM. Suspect vehicle: blue 2012 Honda Civic, Virginia plate ABC-1234. If seen, call 9-1-1 at once. Do not approach.',
    ),
    silver: base(
      { event: 'Missing and Endangered Person', category: ['Rescue'], headline: 'Missing endangered senior: John Roe, 81', description: 'John Roe, 81, lives with dementia. Last seen 9:15 AM near Main St and Oak Ave, grey jacket.', instruction: 'If you see him, stay with him and call 9-1-1.' },
      'MEP',
      'Missing senior w/ dementia, Fairfax VA: John Roe, 81, grey jacket. Call 911 if seen.',
      'Missing and endangered senior in Fairfax County, VA: John Roe, 81, lives with dementia, last seen 9:15 AM near Main St and Oak Ave wearing a grey jacket. If you see him, stay with him and call 9-1-1.',
    ),
    blue: base(
      { event: 'Blue Alert', category: ['Security'], headline: 'Blue Alert: suspect in officer shooting', description: 'Suspect in the shooting of a police officer: adult male, black hoodie, silver pickup, VA plate XYZ-9876 (invented).', instruction: 'Do not approach. Call 9-1-1.', responseType: ['Avoid'] },
      'BLU',
      'Blue Alert Fairfax VA: suspect in officer shooting, silver pickup VA XYZ-9876. Call 911.',
      'Blue Alert in Fairfax County, VA: a suspect in the shooting of a police officer is at large, adult male in a black hoodie driving a silver pickup, Virginia plate XYZ-9876. Do not approach. Call 9-1-1.',
    ),
    local: base(
      { event: 'Evacuation Immediate', category: ['Safety', 'CBRNE'], headline: 'Evacuate now: chemical leak near Industrial Pkwy', description: 'A chlorine leak at 1200 Industrial Pkwy. Leave the area north of Route 50 between Oak Ave and Elm St.', instruction: 'Leave now, go north, keep windows closed.', responseType: ['Evacuate'], urgency: 'Immediate', severity: 'Extreme', certainty: 'Observed' },
      'EVI',
      'Evacuate now: chlorine leak near Industrial Pkwy, Fairfax. Go north, windows closed.',
      'Evacuation order in Fairfax County: chlorine leak at 1200 Industrial Pkwy. Everyone north of Route 50 between Oak Ave and Elm St must leave now. Go north, keep windows and vents closed. Shelter at Fairfax High School.',
    ),
  };
  return {
    version: '1.2',
    identifier: `FFX-${kind.toUpperCase()}-${sent.getTime() / 1000}`,
    sender: 'ecc@fairfaxcounty.example',
    sent: capTime(sent, -300),
    status: 'Actual',
    msgType: 'Alert',
    scope: 'Public',
    code: ['IPAWSv1.0'],
    references: [],
    info: [info[kind]],
  };
}
