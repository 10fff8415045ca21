CREATE TABLE "crawl_pages" (
	"run_id" uuid NOT NULL,
	"url" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"job_id" uuid,
	"error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crawl_pages_run_id_url_pk" PRIMARY KEY("run_id","url")
);
--> statement-breakpoint
ALTER TABLE "job_sightings" ADD COLUMN "gone_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "crawl_pages" ADD CONSTRAINT "crawl_pages_run_id_crawl_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."crawl_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "crawl_pages_status_idx" ON "crawl_pages" USING btree ("run_id","status");