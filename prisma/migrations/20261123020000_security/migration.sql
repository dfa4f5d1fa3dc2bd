-- Citizen IDs and names are sealed at rest from now on (prisma/src/personalData.ts). The columns
-- are renamed, not dropped, so that nothing is lost: values written before this migration are
-- still plain, and the start of the server seals them (prisma/src/sealPersonalData.ts).
ALTER TABLE "Enrolment" RENAME COLUMN "citizenId" TO "citizenIdSealed";
ALTER TABLE "Enrolment" RENAME COLUMN "fullName" TO "fullNameSealed";
ALTER TABLE "Enrolment" ALTER COLUMN "citizenIdSealed" TYPE TEXT, ALTER COLUMN "fullNameSealed" TYPE TEXT;

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" VARCHAR(40) NOT NULL,
    "actor" VARCHAR(128),
    "role" VARCHAR(20),
    "actorUnit" VARCHAR(20),
    "tokenId" VARCHAR(64),
    "client" VARCHAR(300),
    "target" VARCHAR(200),
    "details" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RevokedToken" (
    "tokenId" VARCHAR(64) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedBy" VARCHAR(128),
    "reason" VARCHAR(500) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RevokedToken_pkey" PRIMARY KEY ("tokenId")
);

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at" DESC);

-- The audit trail is appended to, never changed, whoever connects.
CREATE FUNCTION "toandan_audit_is_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail cannot be changed (%)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditEvent"
FOR EACH STATEMENT EXECUTE FUNCTION "toandan_audit_is_append_only"();
