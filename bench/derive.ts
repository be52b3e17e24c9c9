/** Question: how many PlexTrac statuses per second can `derive` (validated) and `deriveStatus` (unchecked) compute? */
import { derive, deriveStatus, type ReportStatus } from 'engagement-lifecycle/plextrac';
import { format, interleaved, loadLine, type Measurement } from './harness.js';

const N = 200_000;
const zones = ['UTC', 'America/New_York', 'Europe/Paris', 'Asia/Kathmandu', 'Pacific/Kiritimati'];
const reports: (ReportStatus | null)[] = [null, 'Draft', 'Ready for Review', 'In Review', 'Approved', 'Published'];
const inputs = Array.from({ length: N }, (_, i) => ({
  approved: i % 7 !== 0,
  cancelled: i % 97 === 0,
  reportStatus: reports[i % reports.length]!,
  startDate: new Date(Date.UTC(2024, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10) as `${number}-${number}-${number}`,
  now: new Date(Date.UTC(2024, 0, 1) + ((i * 7919) % (365 * 24)) * 3_600_000).toISOString() as `${number}-${number}-${number}T${string}`,
  timeZone: zones[i % zones.length]!,
}));

export function runDeriveBench(): Measurement[] {
  let sink = 0;
  const out = interleaved([
    {
      name: 'derive() — validates its input with zod',
      ops: N,
      fn: () => {
        for (const input of inputs) sink += derive(input).length;
      },
    },
    {
      name: 'deriveStatus() — unchecked, as the engines call it',
      ops: N,
      fn: () => {
        for (const input of inputs) sink += deriveStatus(input, Date.parse(input.now), input.timeZone).length;
      },
    },
  ]);
  if (sink < 0) console.log(sink);
  return out;
}

export function reportDerive(results: Measurement[]): string[] {
  return [`derive over ${N} varied inputs (5 zones, 365 start dates), interleaved rounds; ${loadLine()}`, ...results.map(format)];
}
