-- A campaign's working day (API.md, Campaign.workingHours), over which planToNow spreads a day's
-- goal: a setting of each campaign, where it was the 07:30-17:00 default for all. Existing
-- campaigns keep that default.
-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "workingHoursEnd" VARCHAR(5) NOT NULL DEFAULT '17:00',
ADD COLUMN     "workingHoursStart" VARCHAR(5) NOT NULL DEFAULT '07:30';
