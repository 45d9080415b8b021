// Evidence checking in the service: the last verdict's reason, when the current run of failures began (a link
// turns broken only after 3 failures over 48 hours), and when the scheduler checks the link next; an index for
// the scheduler's look-up of the last week's exports.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122032922_evidence_checks extends Migration {

  name = 'Migration20261122032922_evidence_checks';

  async up() {
    this.addSql(`create index "export_logs_created_idx" on "export_logs" ("created_at");`);

    this.addSql(`alter table "evidence_links" add "reason" text null, add "failing_since" timestamptz null, add "next_check_at" timestamptz null;`);
    this.addSql(`create index "evidence_links_next_check_idx" on "evidence_links" ("next_check_at");`);
  }

  async down() {
    this.addSql(`drop index "evidence_links_next_check_idx";`);
    this.addSql(`alter table "evidence_links" drop column "reason", drop column "failing_since", drop column "next_check_at";`);

    this.addSql(`drop index "export_logs_created_idx";`);
  }

}
