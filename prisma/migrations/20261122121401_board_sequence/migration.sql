-- CreateTable
CREATE TABLE "BoardSequence" (
    "campaignId" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "BoardSequence_pkey" PRIMARY KEY ("campaignId","unitId")
);

-- AddForeignKey
ALTER TABLE "BoardSequence" ADD CONSTRAINT "BoardSequence_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardSequence" ADD CONSTRAINT "BoardSequence_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
