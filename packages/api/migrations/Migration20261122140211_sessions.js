// Sessions can be listed and ended. Each refresh token remembers the User-Agent that got it, so the account page
// can tell the sessions apart, and an ended session is written to "session_revocations", which every API process
// reads to refuse that session's access tokens before they expire.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122140211_sessions extends Migration {

  name = 'Migration20261122140211_sessions';

  async up() {
    this.addSql(`create table "session_revocations" ("id" uuid not null, "user_id" uuid not null, "family" uuid null, "revoked_at" timestamptz not null, "expires_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "session_revocations_revoked_at_index" on "session_revocations" ("revoked_at");`);
    this.addSql(`create index "session_revocations_expires_at_index" on "session_revocations" ("expires_at");`);
    this.addSql(`alter table "refresh_tokens" add "user_agent" varchar(300) null;`);
  }

  async down() {
    this.addSql(`drop table if exists "session_revocations" cascade;`);
    this.addSql(`alter table "refresh_tokens" drop column "user_agent";`);
  }

}
