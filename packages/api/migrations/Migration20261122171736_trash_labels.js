// Deleting a label moves it to the trash too: the label row and the ids of the artifacts it was on are kept as one
// snapshot until "purge_after" (DOSSIER_TRASH_DAYS), and can be restored under the same id.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122171736_trash_labels extends Migration {

  name = 'Migration20261122171736_trash_labels';

  async up() {
    this.addSql(`create table "deleted_labels" ("id" uuid not null, "owner_id" uuid not null, "name" varchar(80) not null, "snapshot" jsonb not null, "deleted_at" timestamptz not null, "purge_after" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "deleted_labels_owner_id_index" on "deleted_labels" ("owner_id");`);
    this.addSql(`create index "deleted_labels_purge_after_index" on "deleted_labels" ("purge_after");`);
    this.addSql(`alter table "deleted_labels" add constraint "deleted_labels_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);
  }

  async down() {
    this.addSql(`drop table if exists "deleted_labels" cascade;`);
  }

}
