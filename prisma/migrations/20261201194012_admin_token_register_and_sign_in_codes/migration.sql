-- Administration (issue 21): the register of the tokens the app issues (never the token itself,
-- only its id, role, unit, officer and expiry) and the one-time sign-in codes of a printed QR
-- sheet, of which only a SHA-256 is kept.
-- CreateTable
CREATE TABLE "IssuedToken" (
    "id" VARCHAR(64) NOT NULL,
    "role" VARCHAR(20) NOT NULL,
    "unitId" INTEGER,
    "officerId" INTEGER,
    "subject" VARCHAR(128) NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "issuedBy" VARCHAR(128),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "IssuedToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInCode" (
    "id" TEXT NOT NULL,
    "codeHash" CHAR(64) NOT NULL,
    "officerId" INTEGER NOT NULL,
    "tokenDays" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "issuedBy" VARCHAR(128),
    "redeemedAt" TIMESTAMPTZ(3),
    "tokenId" VARCHAR(64),

    CONSTRAINT "SignInCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IssuedToken_unitId_issuedAt_idx" ON "IssuedToken"("unitId", "issuedAt" DESC);

-- CreateIndex
CREATE INDEX "IssuedToken_officerId_idx" ON "IssuedToken"("officerId");

-- CreateIndex
CREATE UNIQUE INDEX "SignInCode_codeHash_key" ON "SignInCode"("codeHash");

-- CreateIndex
CREATE INDEX "SignInCode_officerId_idx" ON "SignInCode"("officerId");

-- AddForeignKey
ALTER TABLE "IssuedToken" ADD CONSTRAINT "IssuedToken_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssuedToken" ADD CONSTRAINT "IssuedToken_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignInCode" ADD CONSTRAINT "SignInCode_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
