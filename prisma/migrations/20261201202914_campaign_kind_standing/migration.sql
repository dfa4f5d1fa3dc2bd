-- AlterEnum
ALTER TYPE "CampaignKind" ADD VALUE 'STANDING';
