// Evaluation runs: golden-set evaluations queued by administrators, with progress, summary and report.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122030155_eval_runs extends Migration {

  name = 'Migration20261122030155_eval_runs';

  async up() {
    this.addSql(`create table "eval_runs" ("id" uuid not null, "created_by_id" uuid null, "status" text not null default 'queued', "config_name" varchar(200) null, "pipeline_config" jsonb null, "case_limit" int null, "compare_with" uuid null, "progress_done" int not null default 0, "progress_total" int not null default 0, "summary" jsonb null, "report" jsonb null, "error" jsonb null, "cancel_requested" boolean not null default false, "attempts" int not null default 0, "created_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "eval_runs_created_idx" on "eval_runs" ("created_at", "id");`);
    this.addSql(`create index "eval_runs_status_updated_idx" on "eval_runs" ("status", "updated_at");`);

    this.addSql(`alter table "eval_runs" add constraint "eval_runs_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "eval_runs" add constraint "eval_runs_status_check" check ("status" in ('queued', 'running', 'succeeded', 'failed', 'cancelled'));`);
  }

  async down() {
    this.addSql(`drop table if exists "eval_runs" cascade;`);
  }

}
