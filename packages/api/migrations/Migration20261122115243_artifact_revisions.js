// Every artifact counts its accepted edits in "revision" (the ORM's version column): an update based on an older
// revision is refused instead of silently overwriting an edit made in another tab or by a script. The list's
// cards carry the revision too, so a list item and GET /artifacts/:id agree; the view is restated with it and
// every card rebuilt.
import { Migration } from '@mikro-orm/migrations';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** The card view of Migration20261122074500_artifact_cards, with or without the revision before the skills. */
function cardsSource(withRevision) {
  return `create or replace view "artifact_cards_source" as
select a."id" as "artifact_id", a."owner_id", a."start_date", json_build_object(
    'id', a."id", 'title', a."title", 'summary', a."summary", 'role', a."role",
    'startDate', a."start_date", 'endDate', a."end_date",
    'technologies', a."technologies", 'collaborators', a."collaborators",
    'outcomes', a."outcomes", 'visibility', a."visibility",
    'labels', coalesce((select json_agg(json_build_object('id', l."id", 'name', l."name", 'colour', l."colour")
        order by l."name")
      from "artifact_labels" al join "labels" l on l."id" = al."label_id" where al."artifact_id" = a."id"), '[]'),
    'createdAt', to_char(a."created_at" at time zone 'UTC', ${ISO}),
    'updatedAt', to_char(a."updated_at" at time zone 'UTC', ${ISO}),${withRevision ? `\n    'revision', a."revision",` : ''}
    'skills', a."skills",
    'evidence', coalesce((select json_agg(json_build_object('id', e."id", 'url', e."url_encrypted",
        'title', e."title", 'kind', e."kind", 'status', e."status", 'httpStatus', e."http_status",
        'finalUrl', e."final_url_encrypted",
        'lastCheckedAt', to_char(e."last_checked_at" at time zone 'UTC', ${ISO}),
        'consecutiveFailures', e."consecutive_failures", 'reason', e."reason",
        'nextCheckAt', to_char(e."next_check_at" at time zone 'UTC', ${ISO})) order by e."created_at", e."id")
      from "evidence_links" e where e."artifact_id" = a."id"), '[]'))::text as "card"
from "artifacts" a`;
}

const REFRESH_ALL = `select "dossier_refresh_artifact_cards"(array(select "id" from "artifacts"));`;

export class Migration20261122115243_artifact_revisions extends Migration {

  name = 'Migration20261122115243_artifact_revisions';

  async up() {
    this.addSql(`alter table "artifacts" add "revision" int not null default 1;`);
    this.addSql(cardsSource(true));
    this.addSql(REFRESH_ALL);
  }

  async down() {
    this.addSql(cardsSource(false));
    this.addSql(`alter table "artifacts" drop column "revision";`);
    this.addSql(REFRESH_ALL);
  }

}
