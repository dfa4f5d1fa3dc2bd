import type { FieldCampaign, FieldUnit } from './fieldContext.ts';

/** The campaign, scheme and unit an officer last chose: the next person is mostly the same. */
export interface Choice {
  campaignId: string;
  scheme: string;
  unitCode: string;
}

const KEY = 'toandan.field.choice';

export function rememberedChoice(): Partial<Choice> {
  try {
    const kept = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null') as Partial<Choice> | null;
    return kept && typeof kept === 'object' ? kept : {};
  } catch {
    return {};
  }
}

export function rememberChoice(choice: Choice): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(choice));
  } catch {
    // Not kept: the next reload starts from the defaults.
  }
}

/**
 * The form's choice on opening: what was remembered, where it still holds. A campaign no longer
 * running gives way to the first that is; a scheme the campaign does not run (another campaign,
 * or the same one changed since) to the campaign's first; a unit outside the token's subtree to
 * `defaultUnit`.
 */
export function initialChoice(
  campaigns: readonly FieldCampaign[],
  units: readonly FieldUnit[],
  defaultUnit: string,
  remembered: Partial<Choice>,
): Choice {
  const campaign = campaigns.find((c) => c.id === remembered.campaignId) ?? campaigns[0];
  const schemes: readonly string[] = campaign?.schemes ?? [];
  return {
    campaignId: campaign?.id ?? '',
    scheme: remembered.scheme && schemes.includes(remembered.scheme) ? remembered.scheme : (schemes[0] ?? ''),
    unitCode: units.some((unit) => unit.code === remembered.unitCode)
      ? (remembered.unitCode as string)
      : defaultUnit,
  };
}
