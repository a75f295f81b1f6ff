import { useEffect, useState } from 'react';
import type { StaffMember } from '@openpsap/contract';
import { registerSupervisorTab } from '../supervisor/supervisor-tabs';
import { scheduleApi, todayLocal } from './schedule-api';
import { ScheduleRotation } from './schedule-rotation';
import { ScheduleCalendar } from './schedule-calendar';
import { ScheduleRequests } from './schedule-requests';
import { ScheduleLiveStaffing } from './schedule-live-staffing';
import { ForecastPanel } from './forecast-panel';
import './schedule.css';

/** The supervisor's schedule: rotation, calendar with gaps, requests and cover, and the forecast. */
function ScheduleTab() {
  const [month, setMonth] = useState(() => todayLocal().slice(0, 7));
  const [version, setVersion] = useState(0);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [gapDate, setGapDate] = useState<string | null>(null);
  const changed = () => setVersion((v) => v + 1);
  useEffect(() => {
    scheduleApi.staff().then(setStaff, () => setStaff([]));
  }, [version]);
  return (
    <div className="schedule">
      <ScheduleRotation onChanged={changed} />
      <ScheduleCalendar month={month} onMonth={setMonth} version={version} staff={staff} onPickGap={setGapDate} />
      <ForecastPanel month={month} version={version} />
      <ScheduleRequests version={version} gapDate={gapDate} onChanged={changed} />
    </div>
  );
}

registerSupervisorTab({ id: 'staffing', label: 'Staffing now', order: 20, component: ScheduleLiveStaffing });
registerSupervisorTab({ id: 'schedule', label: 'Schedule', order: 25, component: ScheduleTab });
