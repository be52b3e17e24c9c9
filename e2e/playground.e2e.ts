/**
 * The playground in a real browser: a PlexTrac engagement from request to Complete, a DefectDojo engagement
 * through close, reopen and auto-close. The expected statuses, effect ids, codes and instants are the documented
 * behaviour (docs/plextrac.md, docs/defectdojo.md), written out here, not computed by the library under test.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, playground, screenshot, send, serveSite, shown } from './harness.js';

let site: Awaited<ReturnType<typeof serveSite>>;
let browser: Browser;

beforeAll(async () => {
  site = await serveSite();
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  return openPage(browser, `${site.url}${path}`);
}

describe('the playground', () => {
  it('walks a PlexTrac engagement from request to Complete, with a refusal, undo and replay', async () => {
    const { page, errors } = await open('playground.html');
    await playground(page, 'plextrac', 'America/New_York');

    await send(page, 'request', { at: '2026-03-02T14:00:00Z', id: 'eng-1', clientId: 'acme', name: 'Web app pentest', startDate: '2026-03-09' });
    let now = await shown(page);
    expect(now.status).toBe('Pending');
    expect(now.highlighted).toContain('Pending');
    expect(now.effects).toEqual(['plextrac:eng-1:1:status_changed']);

    // No report before approval: the report status cannot change yet.
    await send(page, 'report_status_changed', { at: '2026-03-02T15:00:00Z', reportStatus: 'Published' });
    now = await shown(page);
    expect(now.status).toBe('Pending');
    expect(now.refusal).toContain('transition_not_allowed');
    expect(now.refusal).toContain('report_status_changed');

    await send(page, 'approve', { at: '2026-03-03T09:30:00Z', operators: 'alice, bob' });
    now = await shown(page);
    expect(now.status).toBe('Scheduled');
    expect(now.refusal).toBeNull();
    expect(now.effects).toEqual([
      'plextrac:eng-1:2:status_changed',
      'plextrac:eng-1:2:create_report',
      'plextrac:eng-1:2:assign_operators',
    ]);
    // The start date is reached at 00:00 on 9 March in New York, where summer time began on 8 March: 04:00Z.
    expect(now.nextDue).toContain('2026-03-09T04:00:00.000Z');
    expect(now.nextDue).toContain('9 March 2026');
    expect(now.nextDue).toContain('00:00:00');

    await send(page, 'clock', { at: '2026-03-09T04:00:00Z' });
    expect((await shown(page)).status).toBe('In Progress');
    await send(page, 'report_status_changed', { at: '2026-03-12T10:00:00Z', reportStatus: 'Ready For Review' });
    expect((await shown(page)).status).toBe('In Review');
    await send(page, 'report_status_changed', { at: '2026-03-13T10:00:00Z', reportStatus: 'Published' });
    now = await shown(page);
    expect(now.status).toBe('Complete');
    expect(now.highlighted).toContain('Complete');
    expect(now.effects).toEqual(['plextrac:eng-1:5:status_changed']);
    expect(now.nextDue).toContain('never');
    expect(await page.getByTestId('history-row').count()).toBe(6);
    await screenshot(page, 'playground-plextrac-complete');

    await page.getByTestId('undo').click();
    expect((await shown(page)).status).toBe('In Review');
    await page.getByTestId('replay-3').click();
    now = await shown(page);
    expect(now.status).toBe('Scheduled');
    expect(now.highlighted).toContain('Scheduled');
    await page.getByTestId('redo').click();
    expect((await shown(page)).status).toBe('In Review');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('walks a DefectDojo engagement through close, reopen and auto-close', async () => {
    const { page, errors } = await open('playground.html');
    await playground(page, 'defectdojo', 'UTC');

    await send(page, 'create', {
      at: '2026-03-02T09:00:00Z', id: 'dd-1', productId: '139', targetStart: '2026-03-02', targetEnd: '2026-03-06', status: 'In Progress',
    });
    let now = await shown(page);
    expect(now.status).toBe('In Progress');
    expect(now.effects).toContain('defectdojo:dd-1:1:engagement_added');

    await send(page, 'close', { at: '2026-03-03T10:00:00Z' });
    now = await shown(page);
    expect(now.status).toBe('Completed');
    expect(now.highlighted).toContain('Completed');
    expect(now.effects).toContain('defectdojo:dd-1:2:engagement_closed');

    await send(page, 'reopen', { at: '2026-03-04T10:00:00Z' });
    now = await shown(page);
    expect(now.status).toBe('In Progress');
    expect(now.effects).toContain('defectdojo:dd-1:3:engagement_reopened');
    // The first rule due is the "upcoming" notice, 3 days (upcomingDays) before the 2 March start, at 00:00 in the
    // tenant zone: no clock has run yet, so it is due already.
    expect(now.nextDue).toContain('2026-02-27T00:00:00.000Z');
    expect(now.nextDue).toContain('Friday, 27 February 2026');

    await send(page, 'clock', { at: '2026-03-09T01:00:00Z' });
    now = await shown(page);
    expect(now.status).toBe('Completed');
    expect(now.effects).toContain('defectdojo:dd-1:4:auto_close_engagement');
    expect(now.effects).not.toContain('defectdojo:dd-1:4:engagement_closed');
    await screenshot(page, 'playground-defectdojo-auto-closed');

    // A refusal shows its code and message: an end date before the start date.
    await send(page, 'edit', { at: '2026-03-10T10:00:00Z', targetEnd: '2026-02-01' });
    now = await shown(page);
    expect(now.status).toBe('Completed');
    expect(now.refusal).toContain('invalid_input');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the site', () => {
  it('draws the lifecycle diagrams and serves the guides and the API reference', async () => {
    const home = await open('');
    await expect.poll(() => home.page.locator('h1').first().innerText()).toContain('engagement-lifecycle');
    await screenshot(home.page, 'home');
    await home.page.close();

    const diagram = await open('diagrams/defectdojo.html');
    await diagram.page.locator('.el-mermaid[data-drawn="true"] svg').first().waitFor();
    expect(await diagram.page.locator('.el-mermaid svg').first().textContent()).toContain('Waiting for Resource');
    await screenshot(diagram.page, 'diagram-defectdojo');
    expect(diagram.errors).toEqual([]);
    await diagram.page.close();

    const api = await open('api/plextrac/');
    await expect.poll(() => api.page.locator('main').innerText()).toContain('derive');
    await screenshot(api.page, 'api-plextrac');
    await api.page.close();

    const guide = await open('storage.html');
    const example = guide.page.locator('a', { hasText: 'examples/postgres-store' }).first();
    expect(await example.getAttribute('href')).toMatch(/^https:\/\/github\.com\/.+\/tree\/main\/examples\/postgres-store/);
    await guide.page.close();
  });
});
