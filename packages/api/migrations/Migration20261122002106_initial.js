// Initial schema: users, sessions, API keys, artifacts, evidence links, labels, skills, audit events.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122002106_initial extends Migration {

  name = 'Migration20261122002106_initial';

  async up() {
    this.addSql(`create table "audit_events" ("id" uuid not null, "actor_id" uuid null, "action" varchar(80) not null, "entity_type" varchar(40) not null, "entity_id" varchar(80) null, "request_id" varchar(80) null, "data" jsonb not null default '{}', "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "audit_events_actor_created_idx" on "audit_events" ("actor_id", "created_at");`);

    this.addSql(`create table "skills" ("id" varchar(120) not null, "name" varchar(200) not null, "category" text not null, "aliases" text[] not null default '{}', "sources" text[] not null default '{}', primary key ("id"));`);

    this.addSql(`create table "users" ("id" uuid not null, "email" varchar(320) not null, "name" varchar(200) null, "password_hash" varchar(200) not null, "role" text not null default 'user', "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(`create table "refresh_tokens" ("id" uuid not null, "owner_id" uuid not null, "family" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "rotated_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "refresh_tokens_owner_id_index" on "refresh_tokens" ("owner_id");`);
    this.addSql(`create index "refresh_tokens_family_index" on "refresh_tokens" ("family");`);
    this.addSql(`alter table "refresh_tokens" add constraint "refresh_tokens_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "labels" ("id" uuid not null, "owner_id" uuid not null, "name" varchar(80) not null, "name_key" varchar(80) not null, "description" text null, "colour" varchar(7) not null default '#4f46e5', "skill_focus" text[] not null default '{}', "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "labels" add constraint "labels_owner_name_key_unique" unique ("owner_id", "name_key");`);

    this.addSql(`create table "artifacts" ("id" uuid not null, "owner_id" uuid not null, "title" varchar(300) not null, "summary" text not null, "role" varchar(200) null, "start_date" date not null, "end_date" date null, "technologies" text[] not null default '{}', "skills" text[] not null default '{}', "collaborators" text[] not null default '{}', "outcomes" text[] not null default '{}', "visibility" text not null default 'private', "search_text" text not null default '', "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "artifacts_owner_start_idx" on "artifacts" ("owner_id", "start_date", "id");`);
    this.addSql(`create index "artifacts_skills_gin_idx" on "artifacts" using gin ("skills");`);
    this.addSql(`create index "artifacts_search_gin_idx" on "artifacts" using gin (to_tsvector('simple', "search_text"));`);

    this.addSql(`create table "evidence_links" ("id" uuid not null, "artifact_id" uuid not null, "owner_id" uuid not null, "url_encrypted" text not null, "url_hash" varchar(64) not null, "title" varchar(300) null, "kind" text not null, "status" text not null default 'unchecked', "http_status" int null, "final_url_encrypted" text null, "last_checked_at" timestamptz null, "consecutive_failures" int not null default 0, "history" jsonb not null default '[]', "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "evidence_links_artifact_id_index" on "evidence_links" ("artifact_id");`);
    this.addSql(`create index "evidence_links_owner_status_idx" on "evidence_links" ("owner_id", "status");`);
    this.addSql(`create index "evidence_links_url_hash_idx" on "evidence_links" ("url_hash");`);
    this.addSql(`alter table "evidence_links" add constraint "evidence_links_artifact_url_unique" unique ("artifact_id", "url_hash");`);

    this.addSql(`create table "artifact_labels" ("artifact_id" uuid not null, "label_id" uuid not null, primary key ("artifact_id", "label_id"));`);
    // The label filter walks the pivot from the label side.
    this.addSql(`create index "artifact_labels_label_artifact_idx" on "artifact_labels" ("label_id", "artifact_id");`);

    this.addSql(`create table "api_keys" ("id" uuid not null, "owner_id" uuid not null, "name" varchar(100) not null, "prefix" varchar(16) not null, "key_hash" varchar(64) not null, "created_at" timestamptz not null, "last_used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "api_keys_owner_id_index" on "api_keys" ("owner_id");`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_key_hash_unique" unique ("key_hash");`);

    this.addSql(`alter table "skills" add constraint "skills_category_check" check ("category" in ('language', 'framework', 'tool', 'platform', 'domain', 'soft'));`);

    this.addSql(`alter table "users" add constraint "users_role_check" check ("role" in ('user', 'admin'));`);

    this.addSql(`alter table "refresh_tokens" add constraint "refresh_tokens_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "labels" add constraint "labels_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "artifacts" add constraint "artifacts_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "artifacts" add constraint "artifacts_visibility_check" check ("visibility" in ('private', 'public'));`);

    this.addSql(`alter table "evidence_links" add constraint "evidence_links_artifact_id_foreign" foreign key ("artifact_id") references "artifacts" ("id") on delete cascade;`);
    this.addSql(`alter table "evidence_links" add constraint "evidence_links_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "evidence_links" add constraint "evidence_links_kind_check" check ("kind" in ('repo', 'pull-request', 'commit', 'site', 'doi', 'article', 'video', 'other'));`);
    this.addSql(`alter table "evidence_links" add constraint "evidence_links_status_check" check ("status" in ('unchecked', 'valid', 'redirected', 'unverifiable', 'broken', 'blocked'));`);

    this.addSql(`alter table "artifact_labels" add constraint "artifact_labels_artifact_id_foreign" foreign key ("artifact_id") references "artifacts" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "artifact_labels" add constraint "artifact_labels_label_id_foreign" foreign key ("label_id") references "labels" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "api_keys" add constraint "api_keys_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);
  }

  async down() {
    this.addSql(`alter table "refresh_tokens" drop constraint "refresh_tokens_owner_id_foreign";`);
    this.addSql(`alter table "labels" drop constraint "labels_owner_id_foreign";`);
    this.addSql(`alter table "artifacts" drop constraint "artifacts_owner_id_foreign";`);
    this.addSql(`alter table "evidence_links" drop constraint "evidence_links_owner_id_foreign";`);
    this.addSql(`alter table "api_keys" drop constraint "api_keys_owner_id_foreign";`);
    this.addSql(`alter table "artifact_labels" drop constraint "artifact_labels_label_id_foreign";`);
    this.addSql(`alter table "evidence_links" drop constraint "evidence_links_artifact_id_foreign";`);
    this.addSql(`alter table "artifact_labels" drop constraint "artifact_labels_artifact_id_foreign";`);

    this.addSql(`drop table if exists "audit_events" cascade;`);
    this.addSql(`drop table if exists "skills" cascade;`);
    this.addSql(`drop table if exists "users" cascade;`);
    this.addSql(`drop table if exists "refresh_tokens" cascade;`);
    this.addSql(`drop table if exists "labels" cascade;`);
    this.addSql(`drop table if exists "artifacts" cascade;`);
    this.addSql(`drop table if exists "evidence_links" cascade;`);
    this.addSql(`drop table if exists "artifact_labels" cascade;`);
    this.addSql(`drop table if exists "api_keys" cascade;`);
  }

}
