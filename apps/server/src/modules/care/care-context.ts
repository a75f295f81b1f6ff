import type { AppContext } from '../../http/app-context';

/**
 * What the CARE commands use of the running server. The clock, not the database's now, decides
 * which local day it is and when windows open and close: tests move it across days and DST
 * changes, and in production it is the system clock of servers kept in step by NTP.
 */
export type CareContext = Pick<AppContext, 'db' | 'config' | 'clock' | 'messages' | 'geo' | 'publicUrl' | 'log'>;
