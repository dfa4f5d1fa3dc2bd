-- Cover periods (API.md, "Renewals"). Every enrolment stored before them is a NEW cover of 12
-- months from its enrolment day; its citizenKey (a keyed hash, which SQL cannot compute without
-- PERSONAL_DATA_KEY) is filled at the next start (prisma/src/keyCovers.ts).

-- CreateEnum
CREATE TYPE "EnrolmentKind" AS ENUM ('NEW', 'RENEWAL');

-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN     "citizenKey" VARCHAR(64),
ADD COLUMN     "coverageFrom" DATE,
ADD COLUMN     "coverageMonths" SMALLINT NOT NULL DEFAULT 12,
ADD COLUMN     "coverageUntil" DATE,
ADD COLUMN     "kind" "EnrolmentKind" NOT NULL DEFAULT 'NEW',
ADD COLUMN     "renewsId" TEXT;

-- The day before the same day a year later (shared/src/cover.ts, coverageUntil): 28 February
-- for a 29 February, which PostgreSQL's date + interval would make the 27th.
UPDATE "Enrolment" SET "coverageFrom" = "day",
                       "coverageUntil" = CASE WHEN to_char("day", 'MM-DD') = '02-29' THEN ("day" + INTERVAL '12 months')::date
                                              ELSE ("day" + INTERVAL '12 months' - INTERVAL '1 day')::date END;

ALTER TABLE "Enrolment" ALTER COLUMN "coverageFrom" SET NOT NULL,
ALTER COLUMN "coverageUntil" SET NOT NULL;

-- CreateIndex
CREATE INDEX "Enrolment_citizenKey_coverageUntil_idx" ON "Enrolment"("citizenKey", "coverageUntil" DESC);

-- CreateIndex
CREATE INDEX "Enrolment_unitId_coverageUntil_idx" ON "Enrolment"("unitId", "coverageUntil");

-- CreateIndex
CREATE INDEX "Enrolment_renewsId_idx" ON "Enrolment"("renewsId");

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_renewsId_fkey" FOREIGN KEY ("renewsId") REFERENCES "Enrolment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
