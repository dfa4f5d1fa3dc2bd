import { createHash } from 'node:crypto';

export interface SubmissionContent {
  campaignId: string;
  unitCode: string;
  scheme: string;
  citizenId: string;
  fullName: string;
  /** As submitted: null when the client left it to the server, so that a retry matches. */
  enrolledAt: string | null;
}

/** A digest of what was submitted: the same idempotency key with other content is refused. */
export function submissionDigest(content: SubmissionContent): string {
  const { campaignId, unitCode, scheme, citizenId, fullName, enrolledAt } = content;
  return createHash('sha256')
    .update(JSON.stringify([campaignId, unitCode, scheme, citizenId, fullName, enrolledAt]))
    .digest('hex');
}

/** One person in one scheme of one campaign counts once: the key of that rule. */
export function personKey(campaignId: string, scheme: string, citizenId: string): string {
  return `${campaignId}:${scheme}:${citizenId}`;
}
