import { personalData } from './personalData.ts';

export interface SubmissionContent {
  campaignId: string;
  unitCode: string;
  scheme: string;
  citizenId: string;
  fullName: string;
  /** As submitted: null when the client left it to the server, so that a retry matches. */
  enrolledAt: string | null;
  /** As counted: the channel and officer the enrolment is stored with. */
  channel: string;
  officerCode: string | null;
}

/**
 * The digest rows are written with. Version 1 left out the channel and the officer, so the same
 * key with another of either was answered as a retry; its rows keep version 1, and a phone
 * retrying one of them still gets its first answer.
 */
export const SUBMISSION_DIGEST_VERSION = 2;

/**
 * A keyed digest of what was submitted: the same idempotency key with other content is
 * refused. Keyed, because the content holds a citizen ID and a name.
 */
export function submissionDigest(content: SubmissionContent, version = SUBMISSION_DIGEST_VERSION): string {
  const { campaignId, unitCode, scheme, citizenId, fullName, enrolledAt, channel, officerCode } = content;
  const fields = [campaignId, unitCode, scheme, citizenId, fullName, enrolledAt];
  return personalData().keyedHash(JSON.stringify(version === 1 ? fields : [...fields, channel, officerCode]));
}

/** One person in one scheme of one campaign counts once: the keyed hash of that rule. */
export function personKey(campaignId: string, scheme: string, citizenId: string): string {
  return personalData().keyedHash(`${campaignId}:${scheme}:${citizenId}`);
}
