-- The briefing report (issue 18): participants imported per unit × indicator × day, the year's
-- plans, and the tree's history (earlier places of units, and the counts of merged subtrees as
-- they stood on their days). docs/design.md, "Counters and the tree's history".
-- CreateEnum
CREATE TYPE "Indicator" AS ENUM ('ALL_PARTICIPANTS', 'SOCIAL_INSURANCE', 'COMPULSORY_SI', 'VOLUNTARY_SI', 'UNEMPLOYMENT', 'HEALTH', 'HOUSEHOLD_HI', 'STUDENT_HI', 'NEAR_POOR_HI');

-- AlterEnum
ALTER TYPE "UnitKind" ADD VALUE 'SOCIAL_SECURITY_OFFICE';

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "placedOn" DATE;

-- CreateTable
CREATE TABLE "UnitPlacement" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "parentId" INTEGER,
    "ancestorIds" INTEGER[],
    "fromDay" DATE,
    "untilDay" DATE NOT NULL,

    CONSTRAINT "UnitPlacement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ParticipantCount" (
    "unitId" INTEGER NOT NULL,
    "indicator" "Indicator" NOT NULL,
    "day" DATE NOT NULL,
    "participants" INTEGER NOT NULL,
    "generated" BOOLEAN NOT NULL DEFAULT false,
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ParticipantCount_pkey" PRIMARY KEY ("unitId","indicator","day")
);

-- CreateTable
CREATE TABLE "Plan" (
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "indicator" "Indicator" NOT NULL,
    "planned" INTEGER,
    "coverageTargetPercent" DOUBLE PRECISION,
    "generated" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Plan_pkey" PRIMARY KEY ("unitId","year","indicator")
);

-- CreateTable
CREATE TABLE "DailyCountAdjustment" (
    "campaignId" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "scheme" "Scheme" NOT NULL,
    "day" DATE NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "DailyCountAdjustment_pkey" PRIMARY KEY ("campaignId","unitId","scheme","day")
);

-- CreateIndex
CREATE INDEX "Unit_mergedIntoId_idx" ON "Unit"("mergedIntoId");

-- CreateIndex
CREATE INDEX "UnitPlacement_unitId_idx" ON "UnitPlacement"("unitId");

-- CreateIndex
CREATE INDEX "UnitPlacement_parentId_idx" ON "UnitPlacement"("parentId");

-- AddForeignKey
ALTER TABLE "UnitPlacement" ADD CONSTRAINT "UnitPlacement_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitPlacement" ADD CONSTRAINT "UnitPlacement_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipantCount" ADD CONSTRAINT "ParticipantCount_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DailyCountAdjustment" ADD CONSTRAINT "DailyCountAdjustment_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
