-- DropIndex
DROP INDEX "ModelVersion_runId_key";

-- AlterTable
ALTER TABLE "ModelVersion" ADD COLUMN     "backtest" JSONB,
ADD COLUMN     "champion" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "fallback" TEXT,
ADD COLUMN     "family" TEXT NOT NULL DEFAULT 'CNN_LSTM',
ADD COLUMN     "fitSeconds" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "candidates" JSONB,
ADD COLUMN     "model" TEXT NOT NULL DEFAULT 'CNN_LSTM';

-- CreateIndex
CREATE INDEX "ModelVersion_runId_idx" ON "ModelVersion"("runId");
