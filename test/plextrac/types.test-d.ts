/** Type tests: PlexTrac's data and settings types, derived from their schemas, keep the shape users rely on. */
import { describe, expectTypeOf, it } from 'vitest';
import type { CalendarDate, RetentionFacts, RetentionSettings, TimeZone } from '../../src/index.js';
import type { PlextracData, PlextracSettings, ReportStatus } from '../../src/plextrac/index.js';

describe('PlexTrac types derived from schemas', () => {
  it('PlextracData is the read-only record of the facts', () => {
    expectTypeOf<PlextracData>().toEqualTypeOf<{
      readonly clientId: string;
      readonly name: string;
      readonly startDate: CalendarDate;
      readonly approved: boolean;
      readonly cancelled: boolean;
      readonly reportStatus: ReportStatus | null;
      readonly operators: readonly string[];
      readonly requestedBy: string | null;
      readonly retention?: RetentionFacts | undefined;
    }>();
  });

  it('PlextracSettings holds the tenant time zone and retention', () => {
    expectTypeOf<PlextracSettings>().toEqualTypeOf<{ readonly timeZone: TimeZone; readonly retention: RetentionSettings }>();
  });
});
