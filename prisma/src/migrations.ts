import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import type { Database } from './db.ts';

// Migrations run through Prisma's own WebAssembly schema engine over our driver adapter, on
// PGlite and PostgreSQL alike: the native engine cannot be downloaded on these machines.
const prismaDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const schemaPath = join(prismaDir, 'schema.prisma');
export const migrationsDir = join(prismaDir, 'migrations');
const noFilters = { externalTables: [], externalEnums: [] };

type EngineModule = typeof import('@prisma/schema-engine-wasm');
let engineModule: Promise<EngineModule> | undefined;

/**
 * Instantiates the engine's WebAssembly from its bytes instead of importing the `.wasm` file,
 * which Node 20 allows only behind --experimental-wasm-modules.
 */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const require = createRequire(import.meta.url);
    const bindings = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as EngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const wasmPath = join(dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
      './schema_engine_bg.js': bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return engineModule;
}

async function withEngine<T>(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: SchemaEngine, schema: string) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const schema = readFileSync(schemaPath, 'utf8');
  // The engine holds PostgreSQL's migration advisory lock on its connection and leaves that
  // connection open when it is freed: another instance starting meanwhile would wait for the
  // lock until the pool let the connection go, and time out. Its connections are closed here.
  const opened: { dispose(): Promise<void> }[] = [];
  const closing: SqlMigrationAwareDriverAdapterFactory = {
    ...adapter,
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    connect: async () => {
      const connection = await adapter.connect();
      opened.push(connection);
      return connection;
    },
    connectToShadowDb: () => adapter.connectToShadowDb(),
  };
  const engine = await SchemaEngine.new(
    { datamodels: [['schema.prisma', schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(closing),
  );
  try {
    return await run(engine, schema);
  } finally {
    engine.free();
    await Promise.all(opened.map((connection) => connection.dispose()));
  }
}

function migrationList(): MigrationList {
  const lockPath = join(migrationsDir, 'migration_lock.toml');
  const directories = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: directories.map((name) => {
      const file = join(migrationsDir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: existsSync(file)
            ? { tag: 'ok', value: readFileSync(file, 'utf8') }
            : { tag: 'error', value: `${file} is missing` },
        },
      };
    }),
  };
}

/**
 * True unless the database records every migration as applied and none as failed: what a
 * start asks before it loads the engine, whose WebAssembly costs a second of a quiet start
 * to learn there is nothing to do. A database without Prisma's table has everything pending.
 */
export async function migrationsPending(database: Pick<Database, 'sql'>): Promise<boolean> {
  let rows: { migration_name: string; finished: boolean }[];
  try {
    rows = await database.sql(
      'SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations WHERE rolled_back_at IS NULL',
      [],
    );
  } catch {
    return true;
  }
  // A migration that started and never finished failed: the engine reports it.
  if (rows.some((row) => !row.finished)) return true;
  const applied = new Set(rows.map((row) => row.migration_name));
  return migrationList().migrationDirectories.some((migration) => !applied.has(migration.path));
}

/** Applies the migrations not yet applied; returns their names. */
export function applyMigrations(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  return withEngine(adapter, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: migrationList(),
      filters: noFilters,
    });
    return appliedMigrationNames;
  });
}

/**
 * The SQL that would bring a database built from the migrations to `schema.prisma`: empty
 * when they agree. The engine builds the migrations in a shadow database of the adapter.
 */
export function schemaDrift(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  return withEngine(adapter, async (engine, schema) => {
    const { stdout } = await engine.diff({
      from: { tag: 'migrations', ...migrationList() },
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return (stdout ?? '').replace(/^-- This is an empty migration\.\s*$/m, '').trim();
  });
}

/**
 * The SQL that would bring the live database behind the adapter to `schema.prisma`: empty when
 * the database has exactly the schema's tables, columns, indexes and enums.
 */
export function databaseDrift(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  return withEngine(adapter, async (engine, schema) => {
    const files = [{ path: 'schema.prisma', content: schema }];
    const { stdout } = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: prismaDir },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return (stdout ?? '').replace(/^-- This is an empty migration\.\s*$/m, '').trim();
  });
}

/**
 * Writes the next migration, in Prisma's layout (`<timestamp>_<name>/migration.sql`), from what
 * `schema.prisma` adds to the existing migrations. The wasm engine's own `createMigration`
 * wants a shadow database from a factory it does not take from the adapter, while `diff` does.
 */
export async function createMigration(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  name: string,
): Promise<string | null> {
  const script = await schemaDrift(adapter);
  if (!script) return null;
  const timestamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const migrationName = `${timestamp}_${name}`;
  mkdirSync(join(migrationsDir, migrationName), { recursive: true });
  writeFileSync(join(migrationsDir, migrationName, 'migration.sql'), `${script}\n`);
  return migrationName;
}
