-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'REJECTED', 'FAILED', 'DUPLICATE');

-- AlterTable
ALTER TABLE "ModelVersion" ADD COLUMN     "dataLastDay" DATE;

-- CreateTable
CREATE TABLE "SalesDay" (
    "category" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "amount" DECIMAL(20,4) NOT NULL,

    CONSTRAINT "SalesDay_pkey" PRIMARY KEY ("category","day")
);

-- CreateTable
CREATE TABLE "SalesCategory" (
    "name" TEXT NOT NULL,
    "firstDay" DATE,
    "lastDay" DATE,
    "total" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SalesCategory_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "SaleTransaction" (
    "source" TEXT NOT NULL,
    "transactionId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "amount" DECIMAL(20,4) NOT NULL,

    CONSTRAINT "SaleTransaction_pkey" PRIMARY KEY ("source","transactionId")
);

-- CreateTable
CREATE TABLE "SalesImport" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "checksum" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'QUEUED',
    "skipBadRows" BOOLEAN NOT NULL DEFAULT false,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "bytesRead" BIGINT NOT NULL DEFAULT 0,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "rowsAccepted" INTEGER NOT NULL DEFAULT 0,
    "rowsRejected" INTEGER NOT NULL DEFAULT 0,
    "rowsDuplicate" INTEGER NOT NULL DEFAULT 0,
    "daysTouched" INTEGER NOT NULL DEFAULT 0,
    "categoriesTouched" INTEGER NOT NULL DEFAULT 0,
    "categoriesAdded" INTEGER NOT NULL DEFAULT 0,
    "badLines" JSONB NOT NULL DEFAULT '[]',
    "badLineCount" INTEGER NOT NULL DEFAULT 0,
    "errorCode" TEXT,
    "error" TEXT,
    "requestedBy" TEXT NOT NULL,
    "duplicateOfId" UUID,
    "claimedBy" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "SalesImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SalesCategory_total_name_idx" ON "SalesCategory"("total", "name");

-- CreateIndex
CREATE INDEX "SalesCategory_lastDay_name_idx" ON "SalesCategory"("lastDay", "name");

-- CreateIndex
CREATE INDEX "SalesImport_createdAt_id_idx" ON "SalesImport"("createdAt", "id");

-- CreateIndex
CREATE INDEX "SalesImport_checksum_idx" ON "SalesImport"("checksum");

-- CreateIndex
CREATE INDEX "SalesImport_status_idx" ON "SalesImport"("status");


-- Hand-written (see the init migration's note): a file is imported at most once. Two imports of the same
-- bytes racing to commit: the second fails on this index and is recorded as DUPLICATE.
CREATE UNIQUE INDEX "SalesImport_one_success_per_checksum" ON "SalesImport"("checksum") WHERE "status" = 'SUCCEEDED';
