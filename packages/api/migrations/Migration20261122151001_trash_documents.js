// Deleting a document moves it to the trash too: the document row, every version and its export logs are kept as
// one snapshot until "purge_after" (DOSSIER_TRASH_DAYS), and can be restored under the same ids.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122151001_trash_documents extends Migration {

  name = 'Migration20261122151001_trash_documents';

  async up() {
    this.addSql(`create table "deleted_documents" ("id" uuid not null, "owner_id" uuid not null, "title" varchar(300) not null, "snapshot" jsonb not null, "deleted_at" timestamptz not null, "purge_after" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "deleted_documents_owner_id_index" on "deleted_documents" ("owner_id");`);
    this.addSql(`create index "deleted_documents_purge_after_index" on "deleted_documents" ("purge_after");`);
    this.addSql(`alter table "deleted_documents" add constraint "deleted_documents_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);
  }

  async down() {
    this.addSql(`drop table if exists "deleted_documents" cascade;`);
  }

}
