// Three JSON columns held their empty default as a JSON *string* ("[]", "{}") in rows the ORM created without a
// value: the entities gave the default as a value, which was then stored as JSON text. The entities now leave
// the default to the column; this turns the strings already stored into the array or object they stand for.
// (The evidence links' card trigger is off for the update: a check history is not part of a card.)
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122101500_json_strings extends Migration {

  name = 'Migration20261122101500_json_strings';

  async up() {
    this.addSql(`alter table "evidence_links" disable trigger "artifact_cards_evidence_update";`);
    this.addSql(`update "evidence_links" set "history" = '[]'::jsonb where jsonb_typeof("history") = 'string';`);
    this.addSql(`alter table "evidence_links" enable trigger "artifact_cards_evidence_update";`);
    this.addSql(`update "generations" set "timings" = '{}'::jsonb where jsonb_typeof("timings") = 'string';`);
    this.addSql(`update "audit_events" set "data" = '{}'::jsonb where jsonb_typeof("data") = 'string';`);
  }

  async down() {
    // Nothing to undo: an empty array or object is what the strings meant.
  }

}
