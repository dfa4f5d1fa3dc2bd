-- AlterTable
ALTER TABLE "ImportedCover" ADD COLUMN     "hamlet" VARCHAR(120);
