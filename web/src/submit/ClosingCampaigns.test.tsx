import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/index.ts';
import { ClosingCampaigns } from './ClosingCampaigns.tsx';
import type { FieldCampaign } from './fieldContext.ts';
import type { QueuedSubmission } from './queueStore.ts';
import './i18n/index.ts';

const may: FieldCampaign = {
  id: 'thang-5',
  name: 'Tháng vận động tháng 5',
  startsOn: '2026-05-01',
  endsOn: '2026-05-31',
  schemes: ['VOLUNTARY_SI'],
  graceDays: 7,
  closedAt: null,
};

let serial = 0;
function queued(campaignId: string, state: QueuedSubmission['state'] = 'waiting'): QueuedSubmission {
  serial++;
  return {
    key: `key-${serial}`,
    input: {
      campaignId,
      unitCode: '386-01',
      scheme: 'VOLUNTARY_SI',
      citizenId: '038090000001',
      fullName: 'Lò Thị Mai',
      idempotencyKey: `key-${serial}`,
      enrolledAt: '2026-05-30T02:00:00.000Z',
    },
    state,
    queuedAt: serial,
    attempts: 0,
  };
}
/** An instant in Viet Nam's time. */
const at = (local: string) => new Date(`${local}+07:00`);
const notice = () => document.querySelector('[data-closing]');

afterEach(() => setLanguage('vi'));

describe('the notice of a closing campaign, for a phone with a backlog', () => {
  it('says in Vietnamese until which day late submissions count, during the grace', async () => {
    await setLanguage('vi');
    render(
      <ClosingCampaigns
        campaigns={[may]}
        submissions={[queued('thang-5'), queued('thang-5'), queued('thang-5', 'sent')]}
        now={at('2026-06-03T08:00:00')}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe(
      'Chiến dịch «Tháng vận động tháng 5» đã kết thúc ngày 31/05/2026 và chỉ nhận hồ sơ gửi muộn đến hết ngày 07/06/2026: còn 2 hồ sơ trên máy chưa gửi, hãy gửi ngay.',
    );
    expect(notice()?.getAttribute('data-closing')).toBe('GRACE');
  });

  it('says in English too', async () => {
    await setLanguage('en');
    render(
      <ClosingCampaigns
        campaigns={[may]}
        submissions={[queued('thang-5')]}
        now={at('2026-06-07T23:00:00')}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe(
      '“Tháng vận động tháng 5” ended on 31/05/2026 and takes late submissions until the end of 07/06/2026: send the 1 waiting on this phone now.',
    );
  });

  it('warns that what waits will not count once the grace is over, or once closed', async () => {
    await setLanguage('vi');
    const { unmount } = render(
      <ClosingCampaigns
        campaigns={[may]}
        submissions={[queued('thang-5')]}
        now={at('2026-06-08T00:00:00')}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe(
      'Chiến dịch «Tháng vận động tháng 5» đã đóng: 1 hồ sơ trên máy chưa gửi sẽ không được tính nữa.',
    );
    unmount();
    const closedEarly = { ...may, closedAt: '2026-05-20T03:00:00.000Z' };
    render(
      <ClosingCampaigns
        campaigns={[closedEarly]}
        submissions={[queued('thang-5')]}
        now={at('2026-05-20T11:00:00')}
      />,
    );
    expect(notice()?.getAttribute('data-closing')).toBe('CLOSED');
  });

  it('says nothing while the campaign runs, or when nothing of it waits', async () => {
    render(
      <ClosingCampaigns
        campaigns={[may]}
        submissions={[queued('thang-5')]}
        now={at('2026-05-31T23:59:00')}
      />,
    );
    render(
      <ClosingCampaigns
        campaigns={[may]}
        submissions={[queued('thang-5', 'sent'), queued('thang-5', 'refused'), queued('other')]}
        now={at('2026-06-03T08:00:00')}
      />,
    );
    expect(notice()).toBeNull();
  });

  it('reads a campaign kept on the phone before graceDays existed with the default grace', async () => {
    const kept = { ...may } as Partial<FieldCampaign>;
    delete kept.graceDays;
    delete kept.closedAt;
    render(
      <ClosingCampaigns
        campaigns={[kept as FieldCampaign]}
        submissions={[queued('thang-5')]}
        now={at('2026-06-07T12:00:00')}
      />,
    );
    expect(notice()?.getAttribute('data-closing')).toBe('GRACE');
  });
});
