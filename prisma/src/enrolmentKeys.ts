import { personalData } from './personalData.ts';

export interface SubmissionContent {
  campaignId: string;
  unitCode: string;
  scheme: string;
  citizenId: string;
  fullName: string;
  /** As submitted: null when the client left it to the server, so that a retry matches. */
  enrolledAt: string | null;
}

/**
 * A keyed digest of what was submitted: the same idempotency key with other content is
 * refused. Keyed, because the content holds a citizen ID and a name.
 */
export function submissionDigest(content: SubmissionContent): string {
  const { campaignId, unitCode, scheme, citizenId, fullName, enrolledAt } = content;
  return personalData().keyedHash(
    JSON.stringify([campaignId, unitCode, scheme, citizenId, fullName, enrolledAt]),
  );
}

/** One person in one scheme of one campaign counts once: the keyed hash of that rule. */
export function personKey(campaignId: string, scheme: string, citizenId: string): string {
  return personalData().keyedHash(`${campaignId}:${scheme}:${citizenId}`);
}
