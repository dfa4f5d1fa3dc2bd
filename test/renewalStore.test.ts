import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  forgetRenewals,
  keepRenewals,
  keptRenewals,
  RENEWALS_KEPT_DAYS,
} from '../web/src/submit/renewalStore.ts';

/*
 * What the phone keeps of its renewal list (web/src/submit/renewalStore.ts), over
 * fake-indexeddb, a complete IndexedDB for Node: for its own unit only, for a week at most,
 * and nothing after sign-out. The browser test (renewalPhone.test.ts) runs it in Chromium.
 */
const DAY = 24 * 60 * 60 * 1000;
const loadedAt = Date.parse('2026-12-02T02:00:00Z');
const list = {
  unitCode: '386-01',
  loadedAt,
  items: [
    {
      id: 'cover-1',
      citizenIdMasked: '038 ••• ••• 001',
      fullName: 'Nguyễn Văn An',
      scheme: 'HOUSEHOLD_HI',
      unitCode: '386-01',
      unitName: 'Cành Nàng',
      coverageUntil: '2026-12-07',
      hamlet: 'Thôn Bá',
      address: 'Số 4, thôn Bá',
      householdCode: '3809000101',
      phone: '0912000101',
    },
  ],
};

describe('the renewal list kept on the phone', () => {
  it('is given back to its own unit until a week after it was loaded, then deleted', async () => {
    await keepRenewals(list);
    expect(await keptRenewals('386-01', loadedAt + RENEWALS_KEPT_DAYS * DAY)).toEqual(list);
    expect(await keptRenewals('386-01', loadedAt + RENEWALS_KEPT_DAYS * DAY + 1)).toBeNull();
    // Deleted, not only hidden: a clock set back does not bring it back.
    expect(await keptRenewals('386-01', loadedAt)).toBeNull();
  });

  it('is not read by a token of another unit, and is gone after sign-out', async () => {
    await keepRenewals(list);
    expect(await keptRenewals('390', loadedAt)).toBeNull();
    expect(await keptRenewals('386-01', loadedAt)).toBeNull();
    await keepRenewals(list);
    await forgetRenewals();
    expect(await keptRenewals('386-01', loadedAt)).toBeNull();
  });
});
