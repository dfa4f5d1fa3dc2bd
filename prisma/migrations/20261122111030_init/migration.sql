-- CreateEnum
CREATE TYPE "Scheme" AS ENUM ('VOLUNTARY_SI', 'HOUSEHOLD_HI', 'COMPULSORY_SI', 'UNEMPLOYMENT', 'STUDENT_HI', 'NEAR_POOR_HI');

-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('NATION', 'PROVINCE', 'CENTRAL_CITY', 'DISTRICT', 'URBAN_DISTRICT', 'PROVINCIAL_CITY', 'TOWN', 'COMMUNE', 'WARD', 'TOWNSHIP');

-- CreateEnum
CREATE TYPE "Organisation" AS ENUM ('SOCIAL_SECURITY', 'POST_OFFICE', 'WOMENS_UNION', 'FARMERS_ASSOCIATION', 'YOUTH_UNION', 'EMPLOYMENT_SERVICE_CENTRE', 'OTHER');

-- CreateEnum
CREATE TYPE "CampaignKind" AS ENUM ('CAMPAIGN_MONTH', 'DRIVE');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('FIELD_VISIT', 'GROUP_MEETING', 'POST_OFFICE', 'OFFICE_COUNTER', 'ONLINE');

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "kind" "UnitKind" NOT NULL,
    "parentId" INTEGER,
    "ancestorIds" INTEGER[],
    "depth" INTEGER NOT NULL,
    "generated" BOOLEAN NOT NULL DEFAULT false,
    "mergedIntoId" INTEGER,
    "mergedOn" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitPopulation" (
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "population" INTEGER NOT NULL,
    "labourForce" INTEGER NOT NULL,
    "generated" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "UnitPopulation_pkey" PRIMARY KEY ("unitId","year")
);

-- CreateTable
CREATE TABLE "Officer" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(40) NOT NULL,
    "fullName" VARCHAR(120) NOT NULL,
    "organisation" "Organisation" NOT NULL,
    "unitId" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Officer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "kind" "CampaignKind" NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "schemes" "Scheme"[],
    "unitId" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Target" (
    "campaignId" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "scheme" "Scheme" NOT NULL,
    "target" INTEGER NOT NULL,

    CONSTRAINT "Target_pkey" PRIMARY KEY ("campaignId","unitId","scheme")
);

-- CreateTable
CREATE TABLE "DailyGoal" (
    "campaignId" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "scheme" "Scheme" NOT NULL,
    "day" DATE NOT NULL,
    "goal" INTEGER NOT NULL,

    CONSTRAINT "DailyGoal_pkey" PRIMARY KEY ("campaignId","unitId","scheme","day")
);

-- CreateTable
CREATE TABLE "OfficerQuota" (
    "campaignId" TEXT NOT NULL,
    "officerId" INTEGER NOT NULL,
    "scheme" "Scheme" NOT NULL,
    "quota" INTEGER NOT NULL,

    CONSTRAINT "OfficerQuota_pkey" PRIMARY KEY ("campaignId","officerId","scheme")
);

-- CreateTable
CREATE TABLE "Enrolment" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "officerId" INTEGER,
    "scheme" "Scheme" NOT NULL,
    "citizenId" VARCHAR(12) NOT NULL,
    "fullName" VARCHAR(120) NOT NULL,
    "channel" "Channel" NOT NULL DEFAULT 'FIELD_VISIT',
    "enrolledAt" TIMESTAMPTZ(3) NOT NULL,
    "day" DATE NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "idempotencyKey" VARCHAR(128) NOT NULL,
    "requestDigest" VARCHAR(64) NOT NULL,
    "personKey" VARCHAR(128),
    "submittedBy" VARCHAR(128),
    "voidedAt" TIMESTAMPTZ(3),
    "voidReason" VARCHAR(500),
    "voidedBy" VARCHAR(128),

    CONSTRAINT "Enrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DailyCount" (
    "campaignId" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "scheme" "Scheme" NOT NULL,
    "day" DATE NOT NULL,
    "slot" SMALLINT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "DailyCount_pkey" PRIMARY KEY ("campaignId","unitId","scheme","day","slot")
);

-- CreateTable
CREATE TABLE "OfficerCount" (
    "campaignId" TEXT NOT NULL,
    "officerId" INTEGER NOT NULL,
    "scheme" "Scheme" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "OfficerCount_pkey" PRIMARY KEY ("campaignId","officerId","scheme")
);

-- CreateIndex
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");

-- CreateIndex
CREATE INDEX "Unit_parentId_idx" ON "Unit"("parentId");

-- CreateIndex
CREATE INDEX "Unit_ancestorIds_idx" ON "Unit" USING GIN ("ancestorIds");

-- CreateIndex
CREATE UNIQUE INDEX "Officer_code_key" ON "Officer"("code");

-- CreateIndex
CREATE INDEX "Officer_unitId_idx" ON "Officer"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Enrolment_idempotencyKey_key" ON "Enrolment"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Enrolment_personKey_key" ON "Enrolment"("personKey");

-- CreateIndex
CREATE INDEX "Enrolment_campaignId_receivedAt_idx" ON "Enrolment"("campaignId", "receivedAt" DESC);

-- CreateIndex
CREATE INDEX "Enrolment_unitId_campaignId_receivedAt_idx" ON "Enrolment"("unitId", "campaignId", "receivedAt" DESC);

-- CreateIndex
CREATE INDEX "Enrolment_officerId_campaignId_idx" ON "Enrolment"("officerId", "campaignId");

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitPopulation" ADD CONSTRAINT "UnitPopulation_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Officer" ADD CONSTRAINT "Officer_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DailyGoal" ADD CONSTRAINT "DailyGoal_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DailyGoal" ADD CONSTRAINT "DailyGoal_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficerQuota" ADD CONSTRAINT "OfficerQuota_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficerQuota" ADD CONSTRAINT "OfficerQuota_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DailyCount" ADD CONSTRAINT "DailyCount_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficerCount" ADD CONSTRAINT "OfficerCount_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficerCount" ADD CONSTRAINT "OfficerCount_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
