import type { CapAlert } from '../../cap/cap-model';
import { writeCap } from '../../cap/cap-writer';

/** CAP 1.2 XML for a message built by capAlertFor, written by the centre's shared CAP writer. */
export function capXmlFor(cap: CapAlert): string {
  return writeCap(cap);
}
