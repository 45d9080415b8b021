// Tailoring as a service: job descriptions, generations, documents and versions, exports, share links,
// notifications, per-user token usage and upload imports.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122012257_tailoring extends Migration {

  name = 'Migration20261122012257_tailoring';

  async up() {
    this.addSql(`create table "token_usage" ("owner_id" uuid not null, "day" date not null, "tokens" int not null default 0, "cost" double precision not null default 0, primary key ("owner_id", "day"));`);

    this.addSql(`create table "notifications" ("id" uuid not null, "owner_id" uuid not null, "type" varchar(60) not null, "title" varchar(300) not null, "body" text null, "link" varchar(500) null, "read_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "notifications_owner_read_created_idx" on "notifications" ("owner_id", "read_at", "created_at");`);

    this.addSql(`create table "job_descriptions" ("id" uuid not null, "owner_id" uuid not null, "source" text not null, "source_url" text null, "title" varchar(300) not null, "company" varchar(300) null, "text" text not null, "content_hash" varchar(64) not null, "parsed" jsonb not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "job_descriptions_owner_created_idx" on "job_descriptions" ("owner_id", "created_at");`);
    this.addSql(`alter table "job_descriptions" add constraint "job_descriptions_owner_hash_unique" unique ("owner_id", "content_hash");`);

    this.addSql(`create table "import_jobs" ("id" uuid not null, "owner_id" uuid not null, "status" text not null default 'queued', "filename" varchar(300) not null, "media_type" varchar(120) not null, "size" int not null, "payload" bytea null, "proposal" jsonb null, "error" jsonb null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "import_jobs_owner_created_idx" on "import_jobs" ("owner_id", "created_at");`);

    this.addSql(`create table "documents" ("id" uuid not null, "owner_id" uuid not null, "kind" text not null, "title" varchar(300) not null, "job_description_id" uuid null, "job_description_hash" varchar(64) not null, "current_version" int not null default 1, "saved" boolean not null default false, "expires_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "documents_owner_updated_idx" on "documents" ("owner_id", "updated_at");`);
    this.addSql(`create index "documents_expiry_idx" on "documents" ("saved", "expires_at");`);

    this.addSql(`create table "share_links" ("id" uuid not null, "owner_id" uuid not null, "document_id" uuid not null, "version" int null, "token_hash" varchar(64) not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "share_links_document_id_index" on "share_links" ("document_id");`);
    this.addSql(`alter table "share_links" add constraint "share_links_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "generations" ("id" uuid not null, "owner_id" uuid not null, "kind" text not null, "job_description_id" uuid not null, "inputs" jsonb not null, "request_hash" varchar(64) not null, "status" text not null default 'queued', "stage" varchar(40) null, "progress" int not null default 0, "timings" jsonb not null default '{}', "generator" varchar(100) null, "fallback_reason" text null, "tokens" int not null default 0, "cost" double precision not null default 0, "error" jsonb null, "document_id" uuid null, "attempts" int not null default 0, "cancel_requested" boolean not null default false, "created_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "generations_owner_created_idx" on "generations" ("owner_id", "created_at");`);
    this.addSql(`create index "generations_status_updated_idx" on "generations" ("status", "updated_at");`);
    this.addSql(`create index "generations_owner_request_idx" on "generations" ("owner_id", "request_hash", "created_at");`);

    this.addSql(`create table "export_logs" ("id" uuid not null, "owner_id" uuid not null, "document_id" uuid not null, "version" int not null, "format" varchar(20) not null, "evidence_ids" text[] not null default '{}', "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "export_logs_document_created_idx" on "export_logs" ("document_id", "created_at");`);
    this.addSql(`create index "export_logs_evidence_gin_idx" on "export_logs" using gin ("evidence_ids");`);

    this.addSql(`create table "document_versions" ("id" uuid not null, "document_id" uuid not null, "number" int not null, "content" jsonb not null, "ats_report" jsonb null, "author" text not null, "generation_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "document_versions" add constraint "document_versions_document_number_unique" unique ("document_id", "number");`);

    this.addSql(`alter table "token_usage" add constraint "token_usage_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "notifications" add constraint "notifications_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "job_descriptions" add constraint "job_descriptions_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "job_descriptions" add constraint "job_descriptions_source_check" check ("source" in ('text', 'url'));`);

    this.addSql(`alter table "import_jobs" add constraint "import_jobs_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "import_jobs" add constraint "import_jobs_status_check" check ("status" in ('queued', 'parsing', 'ready', 'failed', 'committed', 'discarded'));`);

    this.addSql(`alter table "documents" add constraint "documents_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "documents" add constraint "documents_job_description_id_foreign" foreign key ("job_description_id") references "job_descriptions" ("id") on delete set null;`);
    this.addSql(`alter table "documents" add constraint "documents_kind_check" check ("kind" in ('cv', 'cover-letter'));`);

    this.addSql(`alter table "share_links" add constraint "share_links_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "share_links" add constraint "share_links_document_id_foreign" foreign key ("document_id") references "documents" ("id") on delete cascade;`);

    this.addSql(`alter table "generations" add constraint "generations_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "generations" add constraint "generations_job_description_id_foreign" foreign key ("job_description_id") references "job_descriptions" ("id") on delete cascade;`);
    this.addSql(`alter table "generations" add constraint "generations_document_id_foreign" foreign key ("document_id") references "documents" ("id") on delete set null;`);
    this.addSql(`alter table "generations" add constraint "generations_kind_check" check ("kind" in ('cv', 'cover-letter'));`);
    this.addSql(`alter table "generations" add constraint "generations_status_check" check ("status" in ('queued', 'running', 'succeeded', 'failed', 'cancelled'));`);

    this.addSql(`alter table "export_logs" add constraint "export_logs_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "export_logs" add constraint "export_logs_document_id_foreign" foreign key ("document_id") references "documents" ("id") on delete cascade;`);

    this.addSql(`alter table "document_versions" add constraint "document_versions_document_id_foreign" foreign key ("document_id") references "documents" ("id") on delete cascade;`);
    this.addSql(`alter table "document_versions" add constraint "document_versions_author_check" check ("author" in ('generator', 'user'));`);
  }

  async down() {
    this.addSql(`alter table "documents" drop constraint "documents_job_description_id_foreign";`);
    this.addSql(`alter table "generations" drop constraint "generations_job_description_id_foreign";`);
    this.addSql(`alter table "share_links" drop constraint "share_links_document_id_foreign";`);
    this.addSql(`alter table "generations" drop constraint "generations_document_id_foreign";`);
    this.addSql(`alter table "export_logs" drop constraint "export_logs_document_id_foreign";`);
    this.addSql(`alter table "document_versions" drop constraint "document_versions_document_id_foreign";`);

    this.addSql(`drop table if exists "token_usage" cascade;`);
    this.addSql(`drop table if exists "notifications" cascade;`);
    this.addSql(`drop table if exists "job_descriptions" cascade;`);
    this.addSql(`drop table if exists "import_jobs" cascade;`);
    this.addSql(`drop table if exists "documents" cascade;`);
    this.addSql(`drop table if exists "share_links" cascade;`);
    this.addSql(`drop table if exists "generations" cascade;`);
    this.addSql(`drop table if exists "export_logs" cascade;`);
    this.addSql(`drop table if exists "document_versions" cascade;`);
  }

}
