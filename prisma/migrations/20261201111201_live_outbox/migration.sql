-- CreateTable
CREATE TABLE "LiveOutbox" (
    "id" BIGSERIAL NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leasedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changes" JSON NOT NULL,

    CONSTRAINT "LiveOutbox_pkey" PRIMARY KEY ("id")
);

-- The numbering of live_board_functions that also deletes the outbox rows whose updates went
-- out (server/src/live/boardPublisher.ts), in the same transaction as the numbers it takes.
-- The seven-argument form stays for instances of the previous release while they are replaced.
CREATE FUNCTION "toandan_number_board_updates"(
  "lockKeys" bigint[],
  "boardCampaigns" text[],
  "boardUnits" int[],
  "tallyCampaigns" text[],
  "tallyUnits" int[],
  "tallySchemes" "Scheme"[],
  "tallyDays" date[],
  "sentOutbox" bigint[]
) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  DELETE FROM "LiveOutbox" WHERE "id" = ANY("sentOutbox");
  IF cardinality("lockKeys") = 0 THEN
    RETURN jsonb_build_object('sequences', '[]'::jsonb, 'tallies', '[]'::jsonb);
  END IF;
  RETURN "toandan_number_board_updates"("lockKeys", "boardCampaigns", "boardUnits", "tallyCampaigns",
    "tallyUnits", "tallySchemes", "tallyDays");
END
$$;
