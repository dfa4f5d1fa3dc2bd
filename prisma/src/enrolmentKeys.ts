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
  /** Version 3: the cover asked for, as submitted (null when left to the server). */
  kind?: string | null;
  coverageMonths?: number | null;
  renewsCover?: string | null;
}

/**
 * The digest rows are written with. Version 1 left out the channel and the officer, so the same
 * key with another of either was answered as a retry; its rows keep version 1, and a phone
 * retrying one of them still gets its first answer. Version 2 left out the cover asked for
 * (kind, coverageMonths, renewsCover), which version 3 holds.
 */
export const SUBMISSION_DIGEST_VERSION = 3;

/**
 * A keyed digest of what was submitted: the same idempotency key with other content is
 * refused. Keyed, because the content holds a citizen ID and a name.
 */
export function submissionDigest(content: SubmissionContent, version = SUBMISSION_DIGEST_VERSION): string {
  const { campaignId, unitCode, scheme, citizenId, fullName, enrolledAt, channel, officerCode } = content;
  const fields: unknown[] = [campaignId, unitCode, scheme, citizenId, fullName, enrolledAt];
  if (version >= 2) fields.push(channel, officerCode);
  if (version >= 3)
    fields.push(content.kind ?? null, content.coverageMonths ?? null, content.renewsCover ?? null);
  return personalData().keyedHash(JSON.stringify(fields));
}

/**
 * Before cover periods, one person in one scheme of one campaign counted once: the keyed hash
 * of that rule, which the enrolments of then keep (sealPersonalData still writes it for rows
 * stored plain before sealing).
 */
export function personKey(campaignId: string, scheme: string, citizenId: string): string {
  return personalData().keyedHash(`${campaignId}:${scheme}:${citizenId}`);
}

/**
 * A cover's place in the person's chain of covers in the scheme, in every campaign: the keyed
 * hash of the scheme, the citizen ID and the cover it follows (null: the person's first). Stored
 * as `personKey`, which is unique while the cover counts, so at most one counted cover follows
 * any cover: two phones renewing one cover, or eight signing one person up, count once.
 */
export function coverKey(scheme: string, citizenId: string, follows: string | null): string {
  return personalData().keyedHash(`cover:${scheme}:${citizenId}:${follows ?? ''}`);
}

/** Finds a person's covers in a scheme, in every campaign, without holding the citizen ID. */
export function citizenKey(scheme: string, citizenId: string): string {
  return personalData().keyedHash(`person:${scheme}:${citizenId}`);
}
