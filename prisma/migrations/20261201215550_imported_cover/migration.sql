-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN     "renewsCoverageId" TEXT;

-- CreateTable
CREATE TABLE "ImportedCover" (
    "id" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "scheme" "Scheme" NOT NULL,
    "citizenKey" VARCHAR(64) NOT NULL,
    "citizenIdSealed" TEXT NOT NULL,
    "fullNameSealed" TEXT NOT NULL,
    "addressSealed" TEXT,
    "householdCodeSealed" TEXT,
    "phoneSealed" TEXT,
    "coverageFrom" DATE NOT NULL,
    "coverageUntil" DATE NOT NULL,
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "importedBy" VARCHAR(128),

    CONSTRAINT "ImportedCover_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImportedCover_citizenKey_coverageUntil_idx" ON "ImportedCover"("citizenKey", "coverageUntil" DESC);

-- CreateIndex
CREATE INDEX "ImportedCover_unitId_coverageUntil_idx" ON "ImportedCover"("unitId", "coverageUntil");

-- CreateIndex
CREATE INDEX "ImportedCover_coverageUntil_idx" ON "ImportedCover"("coverageUntil");

-- CreateIndex
CREATE UNIQUE INDEX "ImportedCover_citizenKey_coverageFrom_key" ON "ImportedCover"("citizenKey", "coverageFrom");

-- CreateIndex
CREATE INDEX "Enrolment_renewsCoverageId_idx" ON "Enrolment"("renewsCoverageId");

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_renewsCoverageId_fkey" FOREIGN KEY ("renewsCoverageId") REFERENCES "ImportedCover"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportedCover" ADD CONSTRAINT "ImportedCover_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
