// Deleting an artifact moves it to the trash: the artifact row, its evidence links and its label ids are kept as
// one snapshot until "purge_after" (DOSSIER_TRASH_DAYS), and can be restored under the same ids.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122141545_trash extends Migration {

  name = 'Migration20261122141545_trash';

  async up() {
    this.addSql(`create table "deleted_artifacts" ("id" uuid not null, "owner_id" uuid not null, "title" varchar(300) not null, "snapshot" jsonb not null, "deleted_at" timestamptz not null, "purge_after" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "deleted_artifacts_owner_id_index" on "deleted_artifacts" ("owner_id");`);
    this.addSql(`create index "deleted_artifacts_purge_after_index" on "deleted_artifacts" ("purge_after");`);
    this.addSql(`alter table "deleted_artifacts" add constraint "deleted_artifacts_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);
  }

  async down() {
    this.addSql(`drop table if exists "deleted_artifacts" cascade;`);
  }

}
