#!/bin/sh
# Stand-in for Prisma's native schema-engine binary, which cannot be downloaded on this (offline) machine.
# `prisma generate`/`validate`/`format` only need PRISMA_SCHEMA_ENGINE_BINARY to point at an existing file;
# any command that really runs the engine (migrate, db push, introspection) must fail loudly, not no-op.
echo "prisma: the native schema-engine is not installed (offline install). Use 'npm run db:migrate -- deploy | dev <name> | status' (server/src/cli/db-migrate.ts, wasm engine)." >&2
exit 1
