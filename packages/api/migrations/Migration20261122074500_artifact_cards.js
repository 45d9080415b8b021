// The artifact list's read model. Every artifact has one precomputed JSON card (its fields, its evidence links
// with their ciphertexts and check state, its labels) in `artifact_cards`, and every label link carries its
// artifact's start date, so a page of a label is one index range plus one card lookup per item instead of a
// sort over the label's artifacts and two JSON aggregates per item.
//
// The database keeps the cards itself: statement-level triggers on artifacts, evidence links, label links and
// labels rebuild the cards of the artifacts a statement touched, in the same transaction, so no write path (API,
// importer, evidence checker, skill re-derivation, account deletion) can leave one stale. A refresh first locks the
// artifacts' rows, then builds the cards in a new statement: of two transactions changing one artifact, the
// second waits for the first and builds from its committed rows.
//
// The ORM does not model these objects (see READ_MODEL_OBJECTS in src/db/read-model.ts).
import { Migration } from '@mikro-orm/migrations';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

export class Migration20261122074500_artifact_cards extends Migration {

  name = 'Migration20261122074500_artifact_cards';

  async up() {
    this.addSql(`create table "artifact_cards" ("artifact_id" uuid not null, "owner_id" uuid not null, "start_date" date not null, "card" text not null, constraint "artifact_cards_pkey" primary key ("artifact_id"), constraint "artifact_cards_artifact_id_foreign" foreign key ("artifact_id") references "artifacts" ("id") on delete cascade);`);
    // Cards (about 2 KB) stay inline and uncompressed: a page read is then 20 plain heap reads.
    this.addSql(`alter table "artifact_cards" alter column "card" set storage main;`);
    this.addSql(`alter table "artifact_cards" set (toast_tuple_target = 8160);`);
    this.addSql(`create index "artifact_cards_owner_start_idx" on "artifact_cards" ("owner_id", "start_date", "artifact_id");`);

    this.addSql(`alter table "artifact_labels" add "start_date" date null;`);
    this.addSql(`update "artifact_labels" al set "start_date" = a."start_date" from "artifacts" a where a."id" = al."artifact_id";`);
    this.addSql(`alter table "artifact_labels" alter column "start_date" set not null;`);
    this.addSql(`create index "artifact_labels_label_start_idx" on "artifact_labels" ("label_id", "start_date", "artifact_id");`);

    // One definition of a card: the refresh below and bulk loads read this view. Skills and evidence come last,
    // so the list can copy everything before them verbatim (see render-artifact-page.ts).
    this.addSql(`create view "artifact_cards_source" as
select a."id" as "artifact_id", a."owner_id", a."start_date", json_build_object(
    'id', a."id", 'title', a."title", 'summary', a."summary", 'role', a."role",
    'startDate', a."start_date", 'endDate', a."end_date",
    'technologies', a."technologies", 'collaborators', a."collaborators",
    'outcomes', a."outcomes", 'visibility', a."visibility",
    'labels', coalesce((select json_agg(json_build_object('id', l."id", 'name', l."name", 'colour', l."colour")
        order by l."name")
      from "artifact_labels" al join "labels" l on l."id" = al."label_id" where al."artifact_id" = a."id"), '[]'),
    'createdAt', to_char(a."created_at" at time zone 'UTC', ${ISO}),
    'updatedAt', to_char(a."updated_at" at time zone 'UTC', ${ISO}),
    'skills', a."skills",
    'evidence', coalesce((select json_agg(json_build_object('id', e."id", 'url', e."url_encrypted",
        'title', e."title", 'kind', e."kind", 'status', e."status", 'httpStatus', e."http_status",
        'finalUrl', e."final_url_encrypted",
        'lastCheckedAt', to_char(e."last_checked_at" at time zone 'UTC', ${ISO}),
        'consecutiveFailures', e."consecutive_failures", 'reason', e."reason",
        'nextCheckAt', to_char(e."next_check_at" at time zone 'UTC', ${ISO})) order by e."created_at", e."id")
      from "evidence_links" e where e."artifact_id" = a."id"), '[]'))::text as "card"
from "artifacts" a`);

    this.addSql(`create function "dossier_refresh_artifact_cards"(ids uuid[]) returns void language plpgsql as $$
begin
  if ids is null or cardinality(ids) = 0 then return; end if;
  perform 1 from "artifacts" where "id" = any(ids) order by "id" for no key update;
  insert into "artifact_cards" ("artifact_id", "owner_id", "start_date", "card")
  select "artifact_id", "owner_id", "start_date", "card" from "artifact_cards_source" where "artifact_id" = any(ids)
  on conflict ("artifact_id") do update
    set "owner_id" = excluded."owner_id", "start_date" = excluded."start_date", "card" = excluded."card";
end $$;`);

    this.addSql(`create function "dossier_cards_after_artifacts"() returns trigger language plpgsql as $$
begin
  perform "dossier_refresh_artifact_cards"(array(select "id" from new_rows));
  if tg_op = 'UPDATE' then
    update "artifact_labels" al set "start_date" = n."start_date"
    from new_rows n where al."artifact_id" = n."id" and al."start_date" <> n."start_date";
  end if;
  return null;
end $$;`);
    // Evidence links and label links both name their artifact in "artifact_id".
    this.addSql(`create function "dossier_cards_after_artifact_rows"() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform "dossier_refresh_artifact_cards"(array(select distinct "artifact_id" from new_rows));
  elsif tg_op = 'DELETE' then
    perform "dossier_refresh_artifact_cards"(array(select distinct "artifact_id" from old_rows));
  else
    perform "dossier_refresh_artifact_cards"(array(
      select "artifact_id" from new_rows union select "artifact_id" from old_rows));
  end if;
  return null;
end $$;`);
    this.addSql(`create function "dossier_label_link_start_date"() returns trigger language plpgsql as $$
begin
  select a."start_date" into new."start_date" from "artifacts" a where a."id" = new."artifact_id";
  return new;
end $$;`);
    this.addSql(`create function "dossier_cards_after_labels"() returns trigger language plpgsql as $$
begin
  perform "dossier_refresh_artifact_cards"(array(
    select distinct al."artifact_id" from new_rows n
    join old_rows o on o."id" = n."id"
    join "artifact_labels" al on al."label_id" = n."id"
    where n."name" is distinct from o."name" or n."colour" is distinct from o."colour"));
  return null;
end $$;`);

    this.addSql(`create trigger "artifact_cards_artifacts_insert" after insert on "artifacts" referencing new table as new_rows for each statement execute function "dossier_cards_after_artifacts"();`);
    this.addSql(`create trigger "artifact_cards_artifacts_update" after update on "artifacts" referencing new table as new_rows for each statement execute function "dossier_cards_after_artifacts"();`);
    this.addSql(`create trigger "artifact_cards_evidence_insert" after insert on "evidence_links" referencing new table as new_rows for each statement execute function "dossier_cards_after_artifact_rows"();`);
    this.addSql(`create trigger "artifact_cards_evidence_update" after update on "evidence_links" referencing old table as old_rows new table as new_rows for each statement execute function "dossier_cards_after_artifact_rows"();`);
    this.addSql(`create trigger "artifact_cards_evidence_delete" after delete on "evidence_links" referencing old table as old_rows for each statement execute function "dossier_cards_after_artifact_rows"();`);
    this.addSql(`create trigger "artifact_cards_label_link_start_date" before insert on "artifact_labels" for each row execute function "dossier_label_link_start_date"();`);
    this.addSql(`create trigger "artifact_cards_label_links_insert" after insert on "artifact_labels" referencing new table as new_rows for each statement execute function "dossier_cards_after_artifact_rows"();`);
    this.addSql(`create trigger "artifact_cards_label_links_delete" after delete on "artifact_labels" referencing old table as old_rows for each statement execute function "dossier_cards_after_artifact_rows"();`);
    this.addSql(`create trigger "artifact_cards_labels_update" after update on "labels" referencing old table as old_rows new table as new_rows for each statement execute function "dossier_cards_after_labels"();`);

    this.addSql(`select "dossier_refresh_artifact_cards"(array(select "id" from "artifacts"));`);
  }

  async down() {
    this.addSql(`drop trigger if exists "artifact_cards_labels_update" on "labels";`);
    this.addSql(`drop trigger if exists "artifact_cards_label_links_delete" on "artifact_labels";`);
    this.addSql(`drop trigger if exists "artifact_cards_label_links_insert" on "artifact_labels";`);
    this.addSql(`drop trigger if exists "artifact_cards_label_link_start_date" on "artifact_labels";`);
    this.addSql(`drop trigger if exists "artifact_cards_evidence_delete" on "evidence_links";`);
    this.addSql(`drop trigger if exists "artifact_cards_evidence_update" on "evidence_links";`);
    this.addSql(`drop trigger if exists "artifact_cards_evidence_insert" on "evidence_links";`);
    this.addSql(`drop trigger if exists "artifact_cards_artifacts_update" on "artifacts";`);
    this.addSql(`drop trigger if exists "artifact_cards_artifacts_insert" on "artifacts";`);
    this.addSql(`drop function if exists "dossier_cards_after_labels"();`);
    this.addSql(`drop function if exists "dossier_label_link_start_date"();`);
    this.addSql(`drop function if exists "dossier_cards_after_artifact_rows"();`);
    this.addSql(`drop function if exists "dossier_cards_after_artifacts"();`);
    this.addSql(`drop function if exists "dossier_refresh_artifact_cards"(uuid[]);`);
    this.addSql(`drop view if exists "artifact_cards_source";`);
    this.addSql(`drop index if exists "artifact_labels_label_start_idx";`);
    this.addSql(`alter table "artifact_labels" drop column if exists "start_date";`);
    this.addSql(`drop table if exists "artifact_cards" cascade;`);
  }

}
