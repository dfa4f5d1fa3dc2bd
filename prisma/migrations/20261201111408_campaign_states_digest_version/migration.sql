-- Campaign states (API.md): a grace after the last day for late syncs, and an explicit close.
-- Every existing campaign gets the default grace of 7 days.
-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "closedAt" TIMESTAMPTZ(3),
ADD COLUMN     "graceDays" INTEGER NOT NULL DEFAULT 7;

-- The idempotency digest gained the channel and the officer: rows stored before keep version 1,
-- so that a phone retrying one of them still gets its first answer (prisma/src/enrolmentKeys.ts).
-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN     "requestDigestVersion" SMALLINT NOT NULL DEFAULT 1;
